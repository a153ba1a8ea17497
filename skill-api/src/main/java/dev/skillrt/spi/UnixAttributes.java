package dev.skillrt.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code unix:} attributes of one file, read at once ({@link Files#readAttributes(Path,
 * String, LinkOption...)}), each read back with its type. An attribute that was asked for but is
 * missing, or is not of the expected type, is an {@link IOException} naming the file and the
 * attribute, never a {@link NullPointerException} while unboxing.
 */
final class UnixAttributes {

  private final Path path;
  private final Map<String, Object> values;

  private UnixAttributes(Path path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  /**
   * Reads the attributes {@code names} (comma-separated, without the {@code unix:} prefix).
   *
   * @throws IOException when the file cannot be read
   * @throws UnsupportedOperationException when the file system has no {@code unix} view
   */
  static UnixAttributes read(Path path, String names, LinkOption... options) throws IOException {
    return new UnixAttributes(path, Files.readAttributes(path, "unix:" + names, options));
  }

  int intValue(String name) throws IOException {
    return value(name, Integer.class);
  }

  long longValue(String name) throws IOException {
    return value(name, Long.class);
  }

  boolean flag(String name) throws IOException {
    return value(name, Boolean.class);
  }

  private <T> T value(String name, Class<T> type) throws IOException {
    Object value = values.get(name);
    if (!type.isInstance(value)) {
      throw new IOException("the file system gave no " + type.getSimpleName() + " attribute unix:"
          + name + " for " + path + " (found " + value + "); it needs a POSIX file system");
    }
    return type.cast(value);
  }
}
