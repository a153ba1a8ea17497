package dev.skillrt.bench;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.bench.internal.BareDockerJava;
import dev.skillrt.bench.internal.BareProcess;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
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
 * The Docker runtime: one engine call of {@code true} in the busybox test image against a {@code
 * docker run --rm} CLI process with the same hardening flags, as upstream starts containers, and
 * against the least a docker-java program does for the same (create, attach, start, wait, remove:
 * {@link BareDockerJava}). Needs a Docker engine at {@code DOCKER_HOST} and the image {@value
 * #IMAGE} ({@code .ci/docker-test-env.sh} prepares both); {@code bin/bench} leaves these out when
 * there is none.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class DockerBenchmarks {

  /** The image both sides run. */
  public static final String IMAGE = "skillrt/busybox:test";

  static final String MANIFEST =
      """
      version = "1"

      [skills.true]
      source = "docker:%s"
      runtime = "docker"
      [skills.true.docker]
      image = "%s"
      command = ["true"]
      [skills.true.tools.run]
      args = []
      """
          .formatted(IMAGE, IMAGE);

  /**
   * What the Docker runtime sets for this skill (see {@code ContainerPlan}): no network, every
   * capability dropped, no new privileges, pids limit, read-only root with a /tmp tmpfs, private
   * IPC and cgroup namespaces, no log driver, the unprivileged default user, the instance variable.
   */
  static final List<String> CLI =
      List.of(
          "docker",
          "run",
          "--rm",
          "--network",
          "none",
          "--cap-drop",
          "ALL",
          "--security-opt",
          "no-new-privileges",
          "--pids-limit",
          "256",
          "--read-only",
          "--tmpfs",
          "/tmp:rw,nosuid,nodev,size=67108864,mode=1777",
          "--ipc",
          "private",
          "--cgroupns",
          "private",
          "--log-driver",
          "none",
          "--user",
          "65534:65534",
          "--env",
          "SKILL_INSTANCE=default",
          IMAGE,
          "true");

  private BenchFiles files;
  private SkillEngine engine;
  private BareDockerJava bare;

  @Setup(Level.Trial)
  public void setUp() {
    String host = System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      throw new IllegalStateException(
          "DOCKER_HOST is not set: start an engine (.ci/docker-test-env.sh) or leave the Docker"
              + " benchmarks out (bin/bench does so by itself)");
    }
    files = BenchFiles.create("docker");
    engine =
        Engines.engine(
            files.write("skill-engine.toml", MANIFEST), Map.of("docker", Map.of("host", host)));
    Engines.call(engine, "true", "run");
    BareProcess.run(CLI);
    bare = new BareDockerJava(host);
    bareDockerJava();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bare.close();
    engine.close();
    files.close();
  }

  @Benchmark
  public ExecutionResult engineTrue() {
    return Engines.call(engine, "true", "run");
  }

  @Benchmark
  public int bareDockerJava() {
    return bare.run(IMAGE, List.of("true"));
  }

  @Benchmark
  public int cliDockerRun() {
    return BareProcess.run(CLI);
  }
}
