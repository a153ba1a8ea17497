package dev.skillrt.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.bench.internal.BareChicory;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.bench.internal.WasmManifests;
import dev.skillrt.engine.SkillEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A CPU-bound module: fib.wasm computing fib(30) by recursion, through the engine compiled and
 * interpreted, and on bare Chicory compiled. Single shots: one call per iteration (an interpreted
 * call takes seconds, so it gets fewer iterations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class FibBenchmarks {

  private BenchFiles files;
  private SkillEngine engine;
  private WasmModule fib;
  private Function<Instance, Machine> fibCompiled;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("fib");
    files.module("hello.wasm");
    files.module("fib.wasm");
    engine =
        Engines.engine(
            files.write("skill-engine.toml", WasmManifests.manifest()),
            Map.of("wasm", Map.of("cache-dir", files.folder("cache").toString())));
    fib = Parser.parse(BenchFiles.moduleBytes("fib.wasm"));
    fibCompiled = MachineFactoryCompiler.compile(fib);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    files.close();
  }

  @Benchmark
  public ExecutionResult engineCompiled() {
    return expect(Engines.call(engine, "fib-compiled", "run"));
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public ExecutionResult engineInterpreted() {
    return expect(Engines.call(engine, "fib-interpreted", "run"));
  }

  @Benchmark
  public String bareCompiled() {
    return BareChicory.expect(
        BareChicory.run(fib, fibCompiled, List.of("fib", String.valueOf(WasmManifests.FIB_N))),
        WasmManifests.FIB_OUTPUT);
  }

  private static ExecutionResult expect(ExecutionResult r) {
    if (!r.stdout().text().equals(WasmManifests.FIB_OUTPUT)) {
      throw new IllegalStateException(
          "expected fib(30) on stdout, found: " + r.stdout().text() + r.stderr().text());
    }
    return r;
  }
}
