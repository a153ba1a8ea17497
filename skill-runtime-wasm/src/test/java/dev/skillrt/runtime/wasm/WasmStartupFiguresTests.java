package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints startup and per-call figures for the hello module (no timing asserts; the figures go to
 * target/surefire-reports/dev.skillrt.runtime.wasm.WasmStartupFiguresTests-output.txt).
 */
class WasmStartupFiguresTests {

  private static final int WARM_UP = 300;
  private static final int SAMPLES = 200;

  @TempDir Path cacheRoot;

  @Test
  void printStartupAndCallFigures() {
    Path hello = Fixtures.path("hello.wasm");
    ModuleSpec compiled = new ModuleSpec(hello, List.of(), WasmMode.COMPILED);
    ModuleSpec interpreted = new ModuleSpec(hello, List.of(), WasmMode.INTERPRETED);

    // 1. first call in a fresh runtime, empty disk cache: read + hash + parse + compile + run
    double firstCold;
    try (WasmSkillRuntime fresh =
        new WasmSkillRuntime(WasmRuntimeConfig.defaults().withCacheDirectory(cacheRoot))) {
      firstCold = millis(() -> call(fresh, compiled));
    }
    // 2. first call in another fresh runtime, compiled form on disk: parse + load classes + run
    double firstFromDisk;
    try (WasmSkillRuntime fresh =
        new WasmSkillRuntime(WasmRuntimeConfig.defaults().withCacheDirectory(cacheRoot))) {
      firstFromDisk = millis(() -> call(fresh, compiled));
    }
    // 3. and 4. warm calls, compiled and interpreted
    double warmCompiled;
    double warmInterpreted;
    try (WasmSkillRuntime runtime =
        new WasmSkillRuntime(WasmRuntimeConfig.defaults().withCacheDirectory(cacheRoot))) {
      warmCompiled = median(() -> call(runtime, compiled));
      warmInterpreted = median(() -> call(runtime, interpreted));
    }
    // 5. bare Chicory: the same module, instantiated and run with WASI, nothing around it
    WasmModule module = Parser.parse(hello);
    Function<Instance, Machine> bareCompiled = MachineFactoryCompiler.compile(module);
    double bareCompiledCall = median(() -> bare(module, bareCompiled));
    double bareInterpretedCall = median(() -> bare(module, InterpreterMachine::new));

    System.out.printf(
        "hello.wasm figures (JDK %s, %d cores)%n"
            + "  first call, fresh runtime, empty disk cache (parse + compile + run): %8.2f ms%n"
            + "  first call, fresh runtime, compiled form from disk cache:            %8.2f ms%n"
            + "  warm call, compiled:                                                 %8.3f ms%n"
            + "  warm call, interpreted:                                              %8.3f ms%n"
            + "  bare Chicory instantiate + _start, compiled factory reused:          %8.3f ms%n"
            + "  bare Chicory instantiate + _start, interpreter:                      %8.3f ms%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        firstCold,
        firstFromDisk,
        warmCompiled,
        warmInterpreted,
        bareCompiledCall,
        bareInterpretedCall);
    // 6. fib(30) in the C skill: compute-bound work through the runtime and on bare Chicory
    ModuleSpec fib =
        new ModuleSpec(Fixtures.path("skill.wasm"), List.of("fib", "30"), WasmMode.COMPILED);
    WasmModule skill = Parser.parse(Fixtures.path("skill.wasm"));
    Function<Instance, Machine> skillCompiled = MachineFactoryCompiler.compile(skill);
    double fibRuntime;
    try (WasmSkillRuntime runtime =
        new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache())) {
      fibRuntime = medianOf(5, () -> fibCall(runtime, fib));
    }
    double fibBare = medianOf(5, () -> bareFib(skill, skillCompiled));
    System.out.printf(
        "skill.wasm fib(30), compiled, median of 5 after 5 warm-up runs%n"
            + "  through the wasm runtime:  %8.1f ms%n"
            + "  bare Chicory:              %8.1f ms%n",
        fibRuntime, fibBare);
    assertThat(
            call(new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache()), compiled)
                .stdout()
                .text())
        .isEqualTo("hello, world\n");
  }

  private static ExecutionResult call(WasmSkillRuntime runtime, ModuleSpec spec) {
    ExecutionResult r = runtime.execute(ExecutionRequest.builder("hello", "tool", spec).build());
    if (!r.stdout().text().equals("hello, world\n")) {
      throw new AssertionError("unexpected output: " + r);
    }
    return r;
  }

  private static String bare(WasmModule module, Function<Instance, Machine> machine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WasiPreview1 wasi =
        WasiPreview1.builder()
            .withOptions(
                WasiOptions.builder().withStdout(out).withArguments(List.of("hello")).build())
            .build()) {
      Instance instance =
          Instance.builder(module)
              .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
              .withMachineFactory(machine)
              .withStart(false)
              .build();
      instance.export("_start").apply();
    }
    String text = out.toString();
    if (!text.equals("hello, world\n")) {
      throw new AssertionError("unexpected output: " + text);
    }
    return text;
  }

  private static String fibCall(WasmSkillRuntime runtime, ModuleSpec spec) {
    String out =
        runtime.execute(ExecutionRequest.builder("skill", "fib", spec).build()).stdout().text();
    if (!out.equals("832040\n")) {
      throw new AssertionError("unexpected output: " + out);
    }
    return out;
  }

  private static String bareFib(WasmModule module, Function<Instance, Machine> machine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WasiPreview1 wasi =
        WasiPreview1.builder()
            .withOptions(
                WasiOptions.builder()
                    .withStdout(out)
                    .withArguments(List.of("skill", "fib", "30"))
                    .build())
            .build()) {
      Instance instance =
          Instance.builder(module)
              .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
              .withMachineFactory(machine)
              .withStart(false)
              .build();
      try {
        instance.export("_start").apply();
      } catch (com.dylibso.chicory.wasi.WasiExitException e) {
        // exit 0
      }
    }
    if (!out.toString().equals("832040\n")) {
      throw new AssertionError("unexpected output: " + out);
    }
    return out.toString();
  }

  private static double medianOf(int n, Supplier<?> work) {
    for (int i = 0; i < n; i++) {
      work.get();
    }
    double[] samples = new double[n];
    for (int i = 0; i < n; i++) {
      samples[i] = millis(work);
    }
    Arrays.sort(samples);
    return samples[n / 2];
  }

  private static double millis(Supplier<?> work) {
    long start = System.nanoTime();
    work.get();
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(Supplier<?> work) {
    for (int i = 0; i < WARM_UP; i++) {
      work.get();
    }
    double[] samples = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      samples[i] = millis(work);
    }
    Arrays.sort(samples);
    return samples[SAMPLES / 2];
  }
}
