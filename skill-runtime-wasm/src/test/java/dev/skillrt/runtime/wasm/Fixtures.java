package dev.skillrt.runtime.wasm;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** The committed WASM fixtures (see src/test/resources/fixtures/build.sh). */
final class Fixtures {

  private Fixtures() {}

  static Path path(String file) {
    URL url = Fixtures.class.getResource("/fixtures/" + file);
    if (url == null) {
      throw new IllegalStateException("missing fixture " + file + "; run fixtures/build.sh");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The multi-purpose C skill with a command and its arguments. */
  static ModuleSpec skill(String... args) {
    return ModuleSpec.of(path("skill.wasm"), List.of(args));
  }

  static ModuleSpec skill(WasmMode mode, String... args) {
    return new ModuleSpec(path("skill.wasm"), List.of(args), mode);
  }

  static ModuleSpec wat(String name) {
    return ModuleSpec.of(path(name + ".wasm"), List.of());
  }
}
