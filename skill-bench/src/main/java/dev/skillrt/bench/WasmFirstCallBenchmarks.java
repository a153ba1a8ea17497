package dev.skillrt.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.bench.internal.BareChicory;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.bench.internal.WasmManifests;
import dev.skillrt.engine.SkillEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The first call of hello.wasm in a fresh engine (fresh WASM runtime, empty compiled-module cache
 * folder): read, parse, compile to bytecode, instantiate, run. Against bare Chicory parsing the
 * same bytes, compiling them and running {@code _start}. One call per measurement (single shot);
 * the JVM itself is warm after the first iterations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class WasmFirstCallBenchmarks {

  private BenchFiles files;
  private Path manifest;
  private byte[] helloBytes;
  private SkillEngine engine;
  private Path cache;
  private int round;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("wasm-first");
    files.module("hello.wasm");
    files.module("fib.wasm");
    manifest = files.write("skill-engine.toml", WasmManifests.manifest());
    helloBytes = BenchFiles.moduleBytes("hello.wasm");
  }

  @Setup(Level.Invocation)
  public void freshEngine() {
    cache = files.root().resolve("cache-" + round++);
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine = Engines.engine(manifest, Map.of("wasm", Map.of("cache-dir", cache.toString())));
  }

  @TearDown(Level.Invocation)
  public void closeEngine() {
    engine.close();
    BenchFiles.deleteTree(cache);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    files.close();
  }

  @Benchmark
  public ExecutionResult engineFirstCall() {
    ExecutionResult r = Engines.call(engine, "hello-compiled", "run");
    if (!r.stdout().text().equals(WasmManifests.HELLO_OUTPUT)) {
      throw new IllegalStateException("unexpected output: " + r.stdout().text());
    }
    return r;
  }

  @Benchmark
  public String bareParseCompileRun() {
    WasmModule module = Parser.parse(helloBytes);
    return BareChicory.expect(
        BareChicory.run(module, MachineFactoryCompiler.compile(module), List.of("hello")),
        WasmManifests.HELLO_OUTPUT);
  }
}
