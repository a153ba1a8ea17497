package com.example.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with placeholders, parsed once when the manifest loads: {@code {{1}}}, {@code {{2}}}, ...
 * a call argument (empty when the call has fewer), {@code {{args}}} every argument separated by
 * spaces, {@code {{env.NAME}}} a variable of the call's environment, {@code {{stdin}}} the call's
 * input, byte for byte.
 *
 * @param source the text as written
 * @param parts the literal runs and placeholders, in order
 */
public record Template(String source, List<Template.Part> parts) {

  /** What a part of the text stands for. */
  enum Kind {
    LITERAL,
    ARGUMENT,
    ALL_ARGUMENTS,
    ENV,
    STDIN
  }

  /** One run of literal text or one placeholder; {@code value} is the text, number or name. */
  record Part(Kind kind, String value) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

  public Template {
    parts = List.copyOf(parts);
  }

  /**
   * Parses {@code source}.
   *
   * @throws IllegalArgumentException naming the first placeholder that is not one of the four
   */
  public static Template parse(String source) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(source);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(new Part(Kind.LITERAL, source.substring(last, m.start())));
      }
      parts.add(placeholder(m.group(1).strip()));
      last = m.end();
    }
    if (last < source.length()) {
      parts.add(new Part(Kind.LITERAL, source.substring(last)));
    }
    return new Template(source, parts);
  }

  /** A template that is all literal text, whatever braces it holds. */
  static Template literal(String text) {
    return new Template(text, List.of(new Part(Kind.LITERAL, text)));
  }

  private static Part placeholder(String name) {
    if (name.matches("[1-9][0-9]{0,3}")) {
      return new Part(Kind.ARGUMENT, name);
    }
    if (name.equals("args")) {
      return new Part(Kind.ALL_ARGUMENTS, name);
    }
    if (name.equals("stdin")) {
      return new Part(Kind.STDIN, name);
    }
    if (name.matches("env\\.[A-Za-z_][A-Za-z0-9_]*")) {
      return new Part(Kind.ENV, name.substring(4));
    }
    throw new IllegalArgumentException(
        "unknown placeholder {{" + name + "}}; use {{1}}, {{2}}, ... (an argument), {{args}},"
            + " {{env.NAME}} or {{stdin}}");
  }

  /** The text for one call. */
  byte[] render(List<String> arguments, Map<String, String> environment, byte[] stdin) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part p : parts) {
      switch (p.kind()) {
        case LITERAL -> out.writeBytes(utf8(p.value()));
        case ARGUMENT -> {
          int index = Integer.parseInt(p.value()) - 1;
          out.writeBytes(utf8(index < arguments.size() ? arguments.get(index) : ""));
        }
        case ALL_ARGUMENTS -> out.writeBytes(utf8(String.join(" ", arguments)));
        case ENV -> out.writeBytes(utf8(environment.getOrDefault(p.value(), "")));
        case STDIN -> out.writeBytes(stdin);
      }
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
