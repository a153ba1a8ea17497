package dev.skillrt.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.skillrt.bench.internal.BareChicory;
import dev.skillrt.bench.internal.BareProcess;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.bench.internal.WasmManifests;
import dev.skillrt.engine.SkillEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls per second at a given concurrency: each operation runs a batch of {@value #BATCH} calls on
 * a fixed pool of {@code concurrency} threads and waits for all, so the score is calls/s. The small
 * WASM skill (hello.wasm, compiled) and a native skill ({@code /bin/true}, no sandbox) through the
 * engine, against bare Chicory and a bare {@link ProcessBuilder} on the same pool.
 *
 * <p>The warm-up is long (20 s) because the score is meant as a steady state: with 8 or 64 busy
 * threads on a 2-core machine the JIT's own threads get little of the cores, and the engine's call
 * path (more code than the bare call) reached its compiled form only after 15-20 s: with two
 * seconds of warm-up the engine's WASM score at 8 threads was that of a half-compiled path (about
 * 6,000 calls/s, then 22,000 once compiled).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 3, time = 1)
public class ThroughputBenchmarks {

  /** Calls per operation. */
  public static final int BATCH = 64;

  @Param({"1", "2", "8", "64"})
  public int concurrency;

  private BenchFiles files;
  private SkillEngine engine;
  private ExecutorService pool;
  private WasmModule hello;
  private Function<Instance, Machine> helloCompiled;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("throughput");
    files.module("hello.wasm");
    files.module("fib.wasm");
    String manifest =
        WasmManifests.manifest() + NativeBenchmarks.MANIFEST.replace("version = \"1\"", "");
    engine =
        Engines.engine(
            files.write("skill-engine.toml", manifest),
            Map.of("wasm", Map.of("cache-dir", files.folder("cache").toString())));
    pool = Executors.newFixedThreadPool(concurrency);
    hello = Parser.parse(BenchFiles.moduleBytes("hello.wasm"));
    helloCompiled = MachineFactoryCompiler.compile(hello);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    engine.close();
    files.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int wasmEngine() {
    return batch(() -> Engines.call(engine, "hello-compiled", "run"));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int wasmBare() {
    return batch(
        () ->
            BareChicory.expect(
                BareChicory.run(hello, helloCompiled, List.of("hello")),
                WasmManifests.HELLO_OUTPUT));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int nativeEngine() {
    return batch(() -> Engines.call(engine, "true-none", "run"));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int nativeBare() {
    return batch(() -> BareProcess.run(List.of("/bin/true")));
  }

  private int batch(java.util.concurrent.Callable<?> call) {
    List<Future<?>> futures = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      futures.add(pool.submit(call));
    }
    int done = 0;
    for (Future<?> f : futures) {
      try {
        f.get();
        done++;
      } catch (ExecutionException e) {
        throw new IllegalStateException("a call of the batch failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the batch", e);
      }
    }
    return done;
  }
}
