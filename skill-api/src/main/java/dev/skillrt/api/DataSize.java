package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * An amount of bytes, such as a memory or output limit.
 *
 * <p>Parsed from the forms used in manifests and by Docker: {@code 512}, {@code 64k}, {@code 256m},
 * {@code 1g}, {@code 1.5GiB}, {@code 10MB}. Units are binary (k = 1024) whatever their spelling, as
 * in Docker. Immutable and thread-safe.
 *
 * @param bytes the number of bytes, never negative
 */
@API(status = STABLE, since = "0.1")
public record DataSize(long bytes) implements Comparable<DataSize> {

  private static final Pattern FORM =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");

  /** Zero bytes. */
  public static final DataSize ZERO = new DataSize(0);

  /**
   * @throws IllegalArgumentException when {@code bytes} is negative
   */
  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a data size cannot be negative: " + bytes);
    }
  }

  public static DataSize ofBytes(long bytes) {
    return new DataSize(bytes);
  }

  public static DataSize ofKibibytes(long kib) {
    return new DataSize(Math.multiplyExact(kib, 1024L));
  }

  public static DataSize ofMebibytes(long mib) {
    return new DataSize(Math.multiplyExact(mib, 1024L * 1024));
  }

  public static DataSize ofGibibytes(long gib) {
    return new DataSize(Math.multiplyExact(gib, 1024L * 1024 * 1024));
  }

  /**
   * Parses a size such as {@code "256m"}, {@code "1g"}, {@code "64KiB"} or {@code "4096"}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms when it is not a size
   */
  public static DataSize parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a size; expected a number with an optional unit"
              + " b, k, m, g or t (e.g. \"512\", \"64k\", \"256m\", \"1g\")");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit.charAt(0)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          case 't' -> 1L << 40;
          default -> 1L;
        };
    double bytes = number * factor;
    if (bytes > Long.MAX_VALUE) {
      throw new IllegalArgumentException("\"" + text + "\" is too large a size");
    }
    return new DataSize((long) bytes);
  }

  /** The smaller of two sizes. */
  public static DataSize min(DataSize a, DataSize b) {
    return a.bytes <= b.bytes ? a : b;
  }

  @Override
  public int compareTo(DataSize other) {
    return Long.compare(bytes, other.bytes);
  }

  /** A short human form: {@code 256m}, {@code 1g}, {@code 1536k}, {@code 100b}. */
  @Override
  public String toString() {
    if (bytes != 0 && bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + "g";
    }
    if (bytes != 0 && bytes % (1L << 20) == 0) {
      return bytes / (1L << 20) + "m";
    }
    if (bytes != 0 && bytes % (1L << 10) == 0) {
      return bytes / (1L << 10) + "k";
    }
    return bytes + "b";
  }
}
