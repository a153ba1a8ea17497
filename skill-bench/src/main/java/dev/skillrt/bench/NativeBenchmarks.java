package dev.skillrt.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.bench.internal.BareProcess;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import dev.skillrt.runtime.nativeproc.internal.HostFacts;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeRegistry;
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
 * The native runtime: one engine call of {@code /bin/true} (no sandbox, and in bubblewrap) against
 * a bare {@link ProcessBuilder} start-and-wait of the same program. Two more pairs split the
 * difference: the same request handed to the runtime's {@code execute} directly, and the launcher
 * the runtime starts for an unsandboxed call started bare. One more measures the util-linux helper
 * chain the launcher replaces ({@value #HELPER_CHAIN}), against the launcher.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2) // the engine's path compiled, as after an agent's first calls
@Measurement(iterations = 5, time = 2)
public class NativeBenchmarks {

  /** The manifest: {@code /bin/true} unsandboxed and in bubblewrap. */
  static final String MANIFEST =
      """
      version = "1"

      [skills.true-none]
      source = "./true"
      runtime = "native"
      [skills.true-none.native]
      command = "/bin/true"
      sandbox = "none"
      [skills.true-none.tools.run]
      args = []

      [skills.true-bwrap]
      source = "./true"
      runtime = "native"
      [skills.true-bwrap.native]
      command = "/bin/true"
      sandbox = "bwrap"
      [skills.true-bwrap.tools.run]
      args = []
      """;

  /** What the runtime started before its launcher, for an unsandboxed call without limits. */
  static final String HELPER_CHAIN =
      "/usr/bin/setpriv --pdeathsig=KILL -- /usr/bin/unshare --pid --fork --kill-child --"
          + " /usr/bin/timeout 0 /bin/true";

  /** A work root in memory ({@code /dev/shm} is a tmpfs on Linux). */
  static final String TMPFS_WORK_ROOT = "/dev/shm/skillrt-bench-native";

  private BenchFiles files;
  private SkillEngine engine;
  private SkillEngine tmpfsEngine;
  private SkillRuntime runtime;
  private ExecutionRequest request;
  private List<String> launcherChain;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("native");
    engine = Engines.engine(files.write("skill-engine.toml", MANIFEST), Map.of());
    // the same engine with its call folders in memory: what the disk's folder work costs
    tmpfsEngine =
        Engines.engine(
            files.write("skill-engine-tmpfs.toml", MANIFEST),
            Map.of("native", Map.of("work-root", TMPFS_WORK_ROOT)));
    Engines.call(tmpfsEngine, "true-none", "run");
    Engines.call(engine, "true-none", "run");
    Engines.call(engine, "true-bwrap", "run");
    runtime = SkillRuntimeRegistry.load().provider("native").create(RuntimeConfig.empty());
    request =
        engine.plan(
            "true-none", "run", JsonNodeFactory.instance.objectNode(), ExecuteOptions.defaults());
    Path launcher =
        HostFacts.probe(NativeRuntimeConfig.defaults())
            .launcher()
            .orElseThrow(
                () -> new IllegalStateException("this build has no launcher (no C compiler)"));
    launcherChain =
        List.of(
            launcher.toString(),
            "--die-with-parent",
            String.valueOf(ProcessHandle.current().pid()),
            "--pid-namespace",
            "--",
            "/bin/true");
    runtimeTrue();
    bareHelperChain();
    bareLauncher();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
    tmpfsEngine.close();
    engine.close();
    files.close();
  }

  @Benchmark
  public ExecutionResult engineTrue() {
    return Engines.call(engine, "true-none", "run");
  }

  @Benchmark
  public ExecutionResult engineTrueTmpfsWorkRoot() {
    return Engines.call(tmpfsEngine, "true-none", "run");
  }

  @Benchmark
  public ExecutionResult engineTrueBwrap() {
    return Engines.call(engine, "true-bwrap", "run");
  }

  @Benchmark
  public ExecutionResult runtimeTrue() {
    return Engines.expectSuccess(runtime.execute(request), "true-none");
  }

  @Benchmark
  public int bareHelperChain() {
    return BareProcess.run(List.of(HELPER_CHAIN.split(" ")));
  }

  @Benchmark
  public int bareLauncher() {
    return BareProcess.run(launcherChain);
  }

  @Benchmark
  public int bareProcessBuilder() {
    return BareProcess.run(List.of("/bin/true"));
  }
}
