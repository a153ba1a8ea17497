package dev.skillrt.mcp.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code skill://} URIs of the Skills extension: {@code skill://NAME/SKILL.md} for a skill,
 * {@code skill://NAME/PATH} for one of its files (each path segment percent-encoded), {@code
 * skill://NAME} and {@code skill://NAME/DIR} for its folders.
 */
final class SkillUris {

  static final String SCHEME = "skill://";

  private SkillUris() {}

  /**
   * A skill file's URI; {@code path} uses {@code /} between names, empty for the skill's folder.
   */
  static String of(String skill, String path) {
    StringBuilder b = new StringBuilder(SCHEME).append(skill);
    if (!path.isEmpty()) {
      for (String segment : path.split("/")) {
        b.append('/').append(encode(segment));
      }
    }
    return b.toString();
  }

  /** A URI split into its skill and its decoded path (empty for the folder itself). */
  record Parsed(String skill, String path) {}

  /** Empty when it is not a {@code skill://} URI, or has a query, fragment or bad escape. */
  static Optional<Parsed> parse(String uri) {
    if (!uri.startsWith(SCHEME) || uri.contains("?") || uri.contains("#")) {
      return Optional.empty();
    }
    String rest = uri.substring(SCHEME.length());
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    String skill = slash < 0 ? rest : rest.substring(0, slash);
    if (skill.isEmpty()) {
      return Optional.empty();
    }
    if (slash < 0) {
      return Optional.of(new Parsed(skill, ""));
    }
    StringBuilder path = new StringBuilder();
    for (String segment : rest.substring(slash + 1).split("/", -1)) {
      Optional<String> decoded = decode(segment);
      if (decoded.isEmpty() || decoded.get().isEmpty() || decoded.get().contains("/")) {
        return Optional.empty();
      }
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(decoded.get());
    }
    return Optional.of(new Parsed(skill, path.toString()));
  }

  private static String encode(String segment) {
    StringBuilder b = new StringBuilder();
    for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~".indexOf(c) >= 0;
      if (plain) {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }

  private static Optional<String> decode(String segment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }
}
