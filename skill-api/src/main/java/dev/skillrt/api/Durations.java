package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Parses and prints the short durations used in manifests and on the command line. */
@API(status = STABLE, since = "0.1")
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  /** The longest duration accepted, in seconds: about 285 years. */
  private static final double MAX_SECONDS = 9e9;

  private Durations() {}

  private static final Pattern PLAIN_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

  /**
   * Parses {@code "30s"}, {@code "500ms"}, {@code "1m30s"}, {@code "2h"}, {@code "1.5s"}, a bare
   * number of seconds ({@code "10"}) or ISO-8601 ({@code "PT30S"}).
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    Duration common = wholeNumberAndUnit(s, text);
    if (common != null) {
      return common;
    }
    if (PLAIN_SECONDS.matcher(s).matches()) {
      return ofSeconds(Double.parseDouble(s), text);
    }
    if (s.startsWith("pt") || s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw bad(text);
      }
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    double seconds = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw bad(text);
      }
      double n = Double.parseDouble(m.group(1));
      seconds +=
          switch (m.group(2)) {
            case "ms" -> n / 1000;
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n * 86400;
          };
      at = m.end();
    }
    if (at == 0) {
      throw bad(text);
    }
    return ofSeconds(seconds, text);
  }

  /**
   * The form most manifests write ({@code 30s}, {@code 500ms}), read without a regular expression;
   * null for any other form.
   */
  private static @Nullable Duration wholeNumberAndUnit(String s, String text) {
    int digits = 0;
    while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
      digits++;
    }
    if (digits == 0 || digits > 15) {
      return null;
    }
    double n = Long.parseLong(s, 0, digits, 10);
    String unit = s.substring(digits);
    double seconds =
        switch (unit) {
          case "ms" -> n / 1000;
          case "s" -> n;
          case "m" -> n * 60;
          case "h" -> n * 3600;
          case "d" -> n * 86400;
          default -> -1;
        };
    return seconds < 0 ? null : ofSeconds(seconds, text);
  }

  /** A short form: {@code 30s}, {@code 1500ms}, {@code 2m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }

  private static Duration ofSeconds(double seconds, String text) {
    if (!(seconds <= MAX_SECONDS)) { // a Duration made of nanoseconds holds about 292 years
      throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "\"" + text + "\" is not a duration; expected e.g. \"30s\", \"500ms\", \"2m\", \"1h\"");
  }
}
