package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.api.internal.Echo;
import dev.skillrt.runtime.wasm.WasmMode;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SettingsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code [skills.NAME.wasm]} into {@link WasmSettings}, every problem located. */
public final class WasmTableReader {

  /** The keys of the table. */
  public static final List<String> KEYS = List.of("module", "mode");

  private WasmTableReader() {}

  public static WasmSettings read(SettingsInput input) {
    SettingsTable t = input.table();
    t.checkKeys(KEYS);
    WasmMode mode = t.choice("mode", WasmMode.class).orElse(WasmMode.COMPILED);
    Optional<Path> module = Optional.empty();
    Optional<String> written = t.string("module");
    if (written.isPresent()) {
      module = t.resolve("module", written.get());
      if (module.isPresent() && !Files.isRegularFile(module.get())) {
        t.problem(
            "module", "the module file " + Echo.of(module.get().toString()) + " does not exist");
      }
    } else if (input.source().endsWith(".wasm")) {
      module = t.resolve("module", input.source());
    }
    return new WasmSettings(module, mode, t.location(), input.skill());
  }
}
