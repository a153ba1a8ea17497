package dev.skillrt.api.internal;

/**
 * How a message repeats text it was given (a key, a name, a value, a path): at most {@value #MAX}
 * characters, control characters escaped. A ten-megabyte key or a value full of newlines then
 * neither floods the output nor forges lines of it; the message says how long the text was.
 */
public final class Echo {

  /** The longest echo, in characters. */
  public static final int MAX = 80;

  private static final int HEAD = 60;

  private Echo() {}

  /** The text, escaped, and cut after {@value #HEAD} characters when longer than {@value #MAX}. */
  public static String of(String text) {
    if (text.length() <= MAX) {
      return escaped(text);
    }
    int end = text.offsetByCodePoints(0, text.codePointCount(0, HEAD));
    return escaped(text.substring(0, end)) + "... (" + text.length() + " characters)";
  }

  /** {@link #of} between double quotes. */
  public static String quoted(String text) {
    if (text.length() <= MAX) {
      return "\"" + escaped(text) + "\"";
    }
    String full = of(text);
    int cut = full.lastIndexOf("... (");
    return "\"" + full.substring(0, cut) + "...\"" + full.substring(cut + 3);
  }

  private static String escaped(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default ->
                Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    ? String.format("\\u%04x", (int) c)
                    : null;
          };
      if (replacement != null && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }
}
