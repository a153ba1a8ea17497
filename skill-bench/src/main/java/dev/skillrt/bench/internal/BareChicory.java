package dev.skillrt.bench.internal;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * The baseline a user would write without this project: Chicory alone, WASI preview 1 with captured
 * stdout, instantiate the module and call {@code _start}.
 */
public final class BareChicory {

  private BareChicory() {}

  /**
   * Instantiates the module with a fresh WASI context and runs {@code _start}.
   *
   * @param arguments argv as the module sees it (argv[0] first)
   * @return what the module wrote to stdout
   */
  public static String run(
      WasmModule module, Function<Instance, Machine> machine, List<String> arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WasiPreview1 wasi =
        WasiPreview1.builder()
            .withOptions(WasiOptions.builder().withStdout(out).withArguments(arguments).build())
            .build()) {
      Instance instance =
          Instance.builder(module)
              .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
              .withMachineFactory(machine)
              .withStart(false)
              .build();
      try {
        instance.export("_start").apply();
      } catch (WasiExitException e) {
        if (e.exitCode() != 0) {
          throw new IllegalStateException("the module exited with " + e.exitCode(), e);
        }
      }
    }
    return out.toString();
  }

  /** Fails loudly unless the module printed what it should. */
  public static String expect(String output, String expected) {
    if (!output.equals(expected)) {
      throw new IllegalStateException(
          "expected " + expected.strip() + " on stdout, found: " + output);
    }
    return output;
  }
}
