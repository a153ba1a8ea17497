package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Module files, read within the runtime's size limit: the size is checked from the file's
 * attributes before reading, and again while reading (a file may grow, or report a size it does not
 * have), so no more than the limit plus one byte is ever read.
 */
public final class ModuleFiles {

  private ModuleFiles() {}

  /**
   * The file's attributes, once it is known to be a regular file within the limit.
   *
   * @throws ModuleTooLargeException when it is larger than {@code max}
   * @throws ConfigurationException when it is missing, unreadable or not a regular file
   */
  public static BasicFileAttributes check(Path file, DataSize max) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(
          "WASM module " + file + " does not exist; check the skill's source path");
    } catch (IOException e) {
      throw new ConfigurationException("cannot read WASM module " + file + ": " + e.getMessage());
    }
    if (!attributes.isRegularFile()) {
      throw new ConfigurationException(
          "WASM module "
              + file
              + " is not a regular file; point the skill's source at a .wasm file");
    }
    if (attributes.size() > max.bytes()) {
      throw new ModuleTooLargeException(
          "WASM module "
              + file
              + " is "
              + describe(attributes.size())
              + ", more than the wasm runtime's max-module-size of "
              + max
              + "; use a smaller module (strip debug sections: wasm-strip) or raise the runtime's"
              + " max-module-size");
    }
    return attributes;
  }

  /**
   * Reads a file checked by {@link #check}, stopping one byte past the limit.
   *
   * @throws ModuleTooLargeException when it turns out larger than {@code max}
   */
  static byte[] read(Path file, BasicFileAttributes checked, DataSize max) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) max.bytes() + 1);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(
          "WASM module " + file + " does not exist; check the skill's source path");
    } catch (IOException e) {
      throw new ConfigurationException("cannot read WASM module " + file + ": " + e.getMessage());
    }
    if (bytes.length > max.bytes()) {
      throw new ModuleTooLargeException(
          "WASM module "
              + file
              + " grew past the wasm runtime's max-module-size of "
              + max
              + " while being read (it was "
              + describe(checked.size())
              + " when checked); reading stopped there. Use a file that is not being written,"
              + " or raise the runtime's max-module-size");
    }
    return bytes;
  }

  /** A size for messages, e.g. {@code 63.2 MiB (66265088 bytes)}. */
  static String describe(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s (%d bytes)", value, units[unit], bytes);
  }
}
