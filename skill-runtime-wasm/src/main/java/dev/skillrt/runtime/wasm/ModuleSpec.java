package dev.skillrt.runtime.wasm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.RuntimeSpec;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A WASI preview 1 command module to run (the {@code wasm} runtime). The module's {@code _start}
 * runs with argv {@code [skill name, arguments...]}.
 *
 * @param module the {@code .wasm} file; absolute
 * @param arguments argv after the skill name
 * @param mode compiled or interpreted execution
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModuleSpec(Path module, List<String> arguments, WasmMode mode)
    implements RuntimeSpec {

  public ModuleSpec {
    arguments = List.copyOf(arguments);
  }

  public static ModuleSpec of(Path module, List<String> arguments) {
    return new ModuleSpec(module, arguments, WasmMode.COMPILED);
  }

  @Override
  public String describe() {
    return arguments.isEmpty() ? module.toString() : module + " " + String.join(" ", arguments);
  }
}
