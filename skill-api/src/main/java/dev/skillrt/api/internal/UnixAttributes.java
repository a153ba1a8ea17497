package dev.skillrt.api.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code unix:} attributes of one file, read at once ({@link Files#readAttributes(Path, String,
 * LinkOption...)}), each read back with its type. An attribute that was asked for but is missing,
 * or is not of the expected type, is an {@link IOException} naming the file and the attribute,
 * never a {@link NullPointerException} while unboxing.
 */
public final class UnixAttributes {

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
  public static UnixAttributes read(Path path, String names, LinkOption... options)
      throws IOException {
    return new UnixAttributes(path, Files.readAttributes(path, "unix:" + names, options));
  }

  /** An {@code int} attribute such as {@code uid}, {@code gid}, {@code mode} or {@code nlink}. */
  public int intValue(String name) throws IOException {
    return value(name, Integer.class);
  }

  /** A {@code long} attribute such as {@code dev}, {@code ino} or {@code size}. */
  public long longValue(String name) throws IOException {
    return value(name, Long.class);
  }

  /** A {@code boolean} attribute such as {@code isDirectory} or {@code isSymbolicLink}. */
  public boolean flag(String name) throws IOException {
    return value(name, Boolean.class);
  }

  private <T> T value(String name, Class<T> type) throws IOException {
    Object value = values.get(name);
    if (!type.isInstance(value)) {
      throw new IOException(
          "the file system gave no "
              + type.getSimpleName()
              + " attribute unix:"
              + name
              + " for "
              + path
              + " (found "
              + value
              + "); it needs a POSIX file system");
    }
    return type.cast(value);
  }
}
