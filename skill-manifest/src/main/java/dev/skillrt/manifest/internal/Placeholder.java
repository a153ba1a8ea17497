package dev.skillrt.manifest.internal;

import org.jspecify.annotations.Nullable;

/**
 * A {@code {{name}}} placeholder in an argv string, found by a plain scan that matches exactly what
 * the pattern <code>\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}</code> matches, without a regex engine on the
 * path of every call.
 *
 * @param start where its opening braces start
 * @param end just after its closing braces
 * @param name the parameter it names
 */
public record Placeholder(int start, int end, String name) {

  /** The first placeholder at or after {@code from}, like {@code Matcher.find}. */
  public static @Nullable Placeholder find(String text, int from) {
    for (int i = text.indexOf("{{", from); i >= 0; i = text.indexOf("{{", i + 1)) {
      Placeholder p = at(text, i);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /** The placeholder starting exactly at {@code at}, like {@code Matcher.lookingAt}. */
  public static @Nullable Placeholder at(String text, int at) {
    if (!text.startsWith("{{", at)) {
      return null;
    }
    int i = skipSpaces(text, at + 2);
    int nameStart = i;
    while (i < text.length() && isNameChar(text.charAt(i))) {
      i++;
    }
    if (i == nameStart) {
      return null;
    }
    int nameEnd = i;
    i = skipSpaces(text, i);
    if (!text.startsWith("}}", i)) {
      return null;
    }
    return new Placeholder(at, i + 2, text.substring(nameStart, nameEnd));
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code \s} of a Java pattern without Unicode classes. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }
}
