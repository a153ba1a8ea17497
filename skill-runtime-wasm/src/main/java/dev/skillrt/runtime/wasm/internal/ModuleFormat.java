package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a skill's {@code source} file is, from its first eight bytes: a WebAssembly core module
 * (what the wasm runtime runs), a WebAssembly component (the component model, as WASI preview 2
 * skills are built), or something that is not WebAssembly. Cheap enough for validation: reads eight
 * bytes, whatever the file's size.
 */
public final class ModuleFormat {

  private static final byte[] MAGIC = {0, 'a', 's', 'm'};
  private static final byte[] CORE_VERSION = {1, 0, 0, 0};

  /** Version 0x0d and layer 1: the component model's binary format. */
  private static final byte[] COMPONENT_VERSION = {0x0d, 0, 1, 0};

  private static final String WHAT_RUNS =
      "the wasm runtime runs WASI preview 1 core modules (wasm32-wasip1, also called"
          + " wasm32-wasi)";

  private ModuleFormat() {}

  /**
   * Why {@code file} cannot run, judged from its first eight bytes, or empty when it starts as a
   * core module. Only a regular file is read (a FIFO would block the reader): anything else, or a
   * file that cannot be read, is left to be reported when the call runs.
   */
  public static Optional<String> refusal(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(8);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return refusal(file, head);
  }

  /**
   * Why the module read from {@code file} cannot run, judged from its bytes, or empty when they
   * start as a core module.
   */
  public static Optional<String> refusal(Path file, byte[] bytes) {
    byte[] head = bytes.length > 8 ? java.util.Arrays.copyOf(bytes, 8) : bytes;
    if (head.length == 8 && startsWith(head, MAGIC, 0)) {
      if (startsWith(head, CORE_VERSION, 4)) {
        return Optional.empty();
      }
      if (startsWith(head, COMPONENT_VERSION, 4)) {
        return Optional.of(
            file
                + " is a WebAssembly component (the component model, WASI preview 2), not a core"
                + " module; "
                + WHAT_RUNS
                + ". Build the skill for wasm32-wasip1 (for Rust: cargo"
                + " build --target wasm32-wasip1) instead of as a component");
      }
      return Optional.of(
          file
              + " is a WebAssembly binary of an unknown version (header "
              + HexFormat.ofDelimiter(" ").formatHex(head)
              + "); "
              + WHAT_RUNS
              + ". Build the skill for wasm32-wasip1");
    }
    return Optional.of(
        file
            + " is not WebAssembly (it does not start with the WebAssembly magic bytes \\0asm"
            + (head.length == 0
                ? "; it is empty"
                : "; it starts with " + HexFormat.ofDelimiter(" ").formatHex(head))
            + "); "
            + WHAT_RUNS
            + ". Point the skill's source at a .wasm file built for"
            + " wasm32-wasip1");
  }

  /**
   * Refuses the bytes read from {@code file} unless they start as a core module.
   *
   * @throws NotACoreModuleException saying what the file is and what runs
   */
  static void check(Path file, byte[] bytes) {
    Optional<String> refused = refusal(file, bytes);
    if (refused.isPresent()) {
      throw new NotACoreModuleException(refused.get());
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
