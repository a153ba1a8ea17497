package dev.skillrt.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The byte strings that stand for the secrets in a text (see {@link SecretRedactor} for the list):
 * those matched with ASCII letters in either case, and those matched exactly (base64).
 */
final class SecretForms {

  /** Matched with ASCII letters in either case. */
  final List<byte[]> anyCase = new ArrayList<>();

  /** Matched exactly. */
  final List<byte[]> exact = new ArrayList<>();

  SecretForms(Iterable<String> secrets) {
    for (String s : secrets) {
      add(s);
    }
  }

  /** The length in bytes of the longest form. */
  int longest() {
    int max = 0;
    for (List<byte[]> forms : List.of(anyCase, exact)) {
      for (byte[] f : forms) {
        max = Math.max(max, f.length);
      }
    }
    return max;
  }

  /** How many forms there are. */
  int count() {
    return anyCase.size() + exact.size();
  }

  private void add(String secret) {
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> folded = new LinkedHashSet<>();
    folded.add(secret);
    folded.add(percentEncoded(utf8));
    folded.add(java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
    folded.add(jsonEscaped(secret));
    for (String f : folded) {
      anyCase.add(f.getBytes(StandardCharsets.UTF_8));
    }
    if (utf8.length >= SecretRedactor.BASE64_MIN_BYTES) {
      Set<String> exactly = new LinkedHashSet<>();
      for (Base64.Encoder e : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        exactly.add(e.encodeToString(utf8));
        exactly.add(e.withoutPadding().encodeToString(utf8));
        for (int offset = 0; offset < 3; offset++) {
          exactly.add(base64Core(e, utf8, offset));
        }
      }
      exactly.removeAll(folded);
      for (String f : exactly) {
        exact.add(f.getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  /**
   * The base64 characters that depend only on the secret's bytes when it starts {@code offset}
   * bytes past a 3-byte boundary of a longer text.
   */
  private static String base64Core(Base64.Encoder encoder, byte[] secret, int offset) {
    byte[] shifted = new byte[offset + secret.length];
    System.arraycopy(secret, 0, shifted, offset, secret.length);
    String encoded = encoder.withoutPadding().encodeToString(shifted);
    int firstBit = 8 * offset;
    int endBit = 8 * (offset + secret.length);
    int from = (firstBit + 5) / 6;
    int to = endBit / 6;
    return encoded.substring(from, to);
  }

  private static String percentEncoded(byte[] utf8) {
    StringBuilder sb = new StringBuilder();
    for (byte b : utf8) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  private static String jsonEscaped(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
