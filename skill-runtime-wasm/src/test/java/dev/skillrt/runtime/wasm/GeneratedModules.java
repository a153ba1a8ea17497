package dev.skillrt.runtime.wasm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Large, valid WASI command modules made in the test (too big to commit): {@code _start} prints
 * {@value #GREETING} through {@code fd_write}; the rest is filler functions of {@code i32.const;
 * drop} pairs that take Chicory real time to parse and compile.
 */
final class GeneratedModules {

  static final String GREETING = "generated module ran\n";

  private GeneratedModules() {}

  /** Writes a module of {@code functions} filler functions of {@code pairs} pairs each. */
  static Path write(Path file, int functions, int pairs) throws IOException {
    return Files.write(file, bytes(functions, pairs));
  }

  static byte[] bytes(int functions, int pairs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});

    ByteArrayOutputStream types = new ByteArrayOutputStream();
    leb(types, 2);
    types.writeBytes(new byte[] {0x60, 0, 0}); // 0: () -> ()
    types.writeBytes(new byte[] {0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f}); // 1: fd_write
    section(out, 1, types);

    ByteArrayOutputStream imports = new ByteArrayOutputStream();
    leb(imports, 1);
    name(imports, "wasi_snapshot_preview1");
    name(imports, "fd_write");
    imports.write(0); // a function
    leb(imports, 1); // of type 1
    section(out, 2, imports);

    ByteArrayOutputStream declared = new ByteArrayOutputStream();
    leb(declared, functions + 1); // _start, then the filler
    for (int i = 0; i <= functions; i++) {
      leb(declared, 0);
    }
    section(out, 3, declared);

    ByteArrayOutputStream memory = new ByteArrayOutputStream();
    leb(memory, 1);
    memory.write(0); // minimum only
    leb(memory, 1);
    section(out, 5, memory);

    ByteArrayOutputStream exports = new ByteArrayOutputStream();
    leb(exports, 2);
    name(exports, "_start");
    exports.write(0);
    leb(exports, 1); // function 1: the first defined, after the import
    name(exports, "memory");
    exports.write(2);
    leb(exports, 0);
    section(out, 7, exports);

    ByteArrayOutputStream code = new ByteArrayOutputStream();
    leb(code, functions + 1);
    // _start: fd_write(1, iovs=0, 1, nwritten=8); drop
    byte[] start = {0, 0x41, 1, 0x41, 0, 0x41, 1, 0x41, 8, 0x10, 0, 0x1a, 0x0b};
    leb(code, start.length);
    code.writeBytes(start);
    ByteArrayOutputStream filler = new ByteArrayOutputStream();
    leb(filler, 0); // no locals
    for (int k = 0; k < pairs; k++) {
      filler.write(0x41); // i32.const k (0..63)
      leb(filler, k & 0x3f);
      filler.write(0x1a); // drop
    }
    filler.write(0x0b);
    byte[] body = filler.toByteArray();
    for (int i = 0; i < functions; i++) {
      leb(code, body.length);
      code.writeBytes(body);
    }
    section(out, 10, code);

    byte[] text = GREETING.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    leb(data, 1);
    data.write(0); // active, memory 0
    data.writeBytes(new byte[] {0x41, 0, 0x0b}); // at offset 0
    byte[] image = new byte[16 + text.length];
    image[0] = 16; // iovec: buffer at 16 ...
    image[4] = (byte) text.length; // ... of this length
    System.arraycopy(text, 0, image, 16, text.length);
    leb(data, image.length);
    data.writeBytes(image);
    section(out, 11, data);
    return out.toByteArray();
  }

  private static void section(ByteArrayOutputStream out, int id, ByteArrayOutputStream body) {
    out.write(id);
    leb(out, body.size());
    out.writeBytes(body.toByteArray());
  }

  private static void name(ByteArrayOutputStream out, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    leb(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void leb(ByteArrayOutputStream out, long value) {
    do {
      int b = (int) (value & 0x7f);
      value >>>= 7;
      if (value != 0) {
        b |= 0x80;
      }
      out.write(b);
    } while (value != 0);
  }
}
