package dev.skillrt.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
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
 * The WASM runtime, warm: an engine call of hello.wasm (compiled and interpreted) against bare
 * Chicory instantiating the same module and calling {@code _start}. fib(30) is in {@link
 * FibBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 3, time = 1)
public class WasmBenchmarks {

  private BenchFiles files;
  private SkillEngine engine;
  private WasmModule hello;
  private Function<Instance, Machine> helloCompiled;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("wasm");
    files.module("hello.wasm");
    files.module("fib.wasm");
    engine =
        Engines.engine(
            files.write("skill-engine.toml", WasmManifests.manifest()),
            Map.of("wasm", Map.of("cache-dir", files.folder("cache").toString())));
    hello = Parser.parse(BenchFiles.moduleBytes("hello.wasm"));
    helloCompiled = MachineFactoryCompiler.compile(hello);
    engineWarmCompiled();
    engineWarmInterpreted();
    bareCompiled();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    files.close();
  }

  @Benchmark
  public ExecutionResult engineWarmCompiled() {
    return expect(Engines.call(engine, "hello-compiled", "run"), WasmManifests.HELLO_OUTPUT);
  }

  @Benchmark
  public ExecutionResult engineWarmInterpreted() {
    return expect(Engines.call(engine, "hello-interpreted", "run"), WasmManifests.HELLO_OUTPUT);
  }

  @Benchmark
  public String bareCompiled() {
    return BareChicory.expect(
        BareChicory.run(hello, helloCompiled, List.of("hello")), WasmManifests.HELLO_OUTPUT);
  }

  @Benchmark
  public String bareInterpreted() {
    return BareChicory.expect(
        BareChicory.run(hello, InterpreterMachine::new, List.of("hello")),
        WasmManifests.HELLO_OUTPUT);
  }

  private static ExecutionResult expect(ExecutionResult r, String output) {
    if (!r.stdout().text().equals(output)) {
      throw new IllegalStateException(
          "expected " + output.strip() + " on stdout, found: " + r.stdout().text());
    }
    return r;
  }
}
