package dev.skillrt.bench;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Limits;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.bench.internal.BareProcess;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
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
 * A native skill printing {@value #BYTES} bytes (1 GiB) to stdout through the engine, with a
 * {@value #CAP_KIB} KiB output cap and overflow {@link OverflowAction#DISCARD}: the time, and the
 * peak heap measured by {@link PeakHeapProfiler} (run with {@code -prof
 * dev.skillrt.bench.PeakHeapProfiler}). Against a bare {@link ProcessBuilder} reading the same
 * output into nothing. Both run in a JVM with a {@value #HEAP} heap, so unbounded buffering would
 * fail instead of hiding in a large heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms" + MemoryBenchmarks.HEAP, "-Xmx" + MemoryBenchmarks.HEAP})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class MemoryBenchmarks {

  /** Bytes the skill prints. */
  public static final long BYTES = 1L << 30;

  /** The output cap of the call, in KiB. */
  public static final int CAP_KIB = 64;

  /** The heap of the benchmark JVM. */
  public static final String HEAP = "256m";

  static final String MANIFEST =
      """
      version = "1"

      [skills.flood]
      source = "./flood"
      runtime = "native"
      [skills.flood.native]
      command = "/usr/bin/head"
      sandbox = "none"
      [skills.flood.tools.run]
      args = ["-c", "%d", "/dev/zero"]
      """
          .formatted(BYTES);

  private BenchFiles files;
  private SkillEngine engine;
  private ExecuteOptions options;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("memory");
    engine = Engines.engine(files.write("skill-engine.toml", MANIFEST), Map.of());
    options =
        ExecuteOptions.builder()
            .limits(Limits.builder().outputPerStream(DataSize.ofKibibytes(CAP_KIB)).build())
            .overflowAction(OverflowAction.DISCARD)
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    files.close();
  }

  @Benchmark
  public ExecutionResult engineOneGibibyte() {
    ExecutionResult r =
        Engines.expectSuccess(engine.execute("flood", "run", Map.of(), options), "flood");
    if (!r.stdout().truncated() || r.stdout().bytes().length != CAP_KIB * 1024) {
      throw new IllegalStateException(
          "expected "
              + CAP_KIB
              + " KiB of captured stdout marked truncated, found "
              + r.stdout().bytes().length
              + " bytes, truncated="
              + r.stdout().truncated());
    }
    return r;
  }

  @Benchmark
  public long bareDrainOneGibibyte() {
    long bytes =
        BareProcess.drain(List.of("/usr/bin/head", "-c", String.valueOf(BYTES), "/dev/zero"));
    if (bytes != BYTES) {
      throw new IllegalStateException("expected " + BYTES + " bytes, read " + bytes);
    }
    return bytes;
  }
}
