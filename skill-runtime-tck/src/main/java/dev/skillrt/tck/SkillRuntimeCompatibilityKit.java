package dev.skillrt.tck;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.spi.SkillRuntime;
import java.time.Duration;
import org.apiguardian.api.API;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of {@link SkillRuntime}, written once: a backend's tests extend this class,
 * supplying the runtime, fixtures that do simple things in its world (a process, a container, a
 * module) and a check that a stopped call left nothing behind. Each {@code @Nested} group is one
 * promise, written in its own file; a backend that breaks a promise fails that group.
 *
 * <p>A backend that can run a shell script supplies its fixtures in one method:
 *
 * <pre>{@code
 * class NativeCompatibilityTests extends SkillRuntimeCompatibilityKit {
 *   protected SkillRuntime createRuntime() { return new NativeSkillRuntimeProvider().create(RuntimeConfig.empty()); }
 *   protected KitFixtures fixtures() { return (ShellFixtures) script -> new CommandSpec("/bin/sh", List.of("-c", script), ...); }
 *   protected void assertNothingLeftRunning(StoppedCall call) { ... }
 * }
 * }</pre>
 *
 * <p>What a runtime declares it cannot do is not asked of it: a memory cap only when its
 * capabilities list {@link dev.skillrt.api.LimitKind#MEMORY}, a timeout only with {@link
 * dev.skillrt.api.LimitKind#TIMEOUT}, an unsupported limit is checked to be refused, and a runtime
 * whose calls start nothing of their own says so in {@link
 * KitFixtures#spawnChildThatSleepsForever()}.
 *
 * <p>The runtime is created once per test class and closed after it (the lifecycle and closing
 * groups create their own). Tests bound every wait, so a broken backend fails instead of hanging.
 */
@API(status = EXPERIMENTAL, since = "0.2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SkillRuntimeCompatibilityKit {

  static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private SkillRuntime runtime;

  // ---- what a backend supplies ----------------------------------------------------------------

  /**
   * Creates a runtime under test. Called once per test class, and by the lifecycle and closing
   * groups.
   */
  protected abstract SkillRuntime createRuntime();

  /** The fixtures in this runtime's terms; called whenever a test needs one. */
  protected abstract KitFixtures fixtures();

  /**
   * Proves that nothing the given call started is still running (processes, containers, threads).
   * Called after a timeout, a cancellation and a close; fails the test when something remains.
   */
  protected abstract void assertNothingLeftRunning(StoppedCall call);

  /** The request every test starts from; override to add environment or mounts. */
  protected ExecutionRequest.Builder request(RuntimeSpec spec) {
    return ExecutionRequest.builder("tck", "tool", spec);
  }

  /** How long past a timeout, a cancellation or a close a runtime may take to report it. */
  protected Duration grace() {
    return Duration.ofSeconds(3);
  }

  /** The timeout used by the timeout tests. */
  protected Duration shortTimeout() {
    return Duration.ofSeconds(1);
  }

  /** How many calls the concurrency group runs at once. */
  protected int parallelCalls() {
    return 50;
  }

  // ---- plumbing -------------------------------------------------------------------------------

  @BeforeAll
  void startRuntime() {
    runtime = createRuntime();
  }

  @AfterAll
  void stopRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  /** The runtime under test, shared by the groups. */
  protected final SkillRuntime runtime() {
    return runtime;
  }

  /** Runs a request, failing (not hanging) when the runtime does not return in time. */
  protected final ExecutionResult run(ExecutionRequest request) {
    return assertTimeoutPreemptively(
        HANG_GUARD,
        () -> runtime.execute(request),
        "the runtime did not return within " + HANG_GUARD);
  }

  // ---- the promises, one group a file ---------------------------------------------------------

  @Nested
  @DisplayName("execution: stdin, stdout, stderr, environment, exit code")
  class Execution extends ExecutionGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("output: capped per stream, flagged, stopped or discarded past the cap")
  class Output extends OutputGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("limits: a memory cap stops a hog, a limit the runtime cannot enforce is refused")
  class LimitKinds extends LimitsGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("timeout: stopped in time, children too, nothing left running")
  class Timeout extends TimeoutGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("cancellation: stopped soon after cancel(), nothing left running")
  class Cancelling extends CancellationGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("closing: calls in flight end as cancelled, nothing left running")
  class Closing extends ClosingGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("policy: denials are results with every violation, nothing runs")
  class Policy extends PolicyGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("lifecycle: close is idempotent, execute after close fails clearly")
  class Lifecycle extends LifecycleGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }

  @Nested
  @DisplayName("concurrency: parallel calls each get exactly their own output")
  class Concurrency extends ConcurrencyGroup {
    @Override
    SkillRuntimeCompatibilityKit kit() {
      return SkillRuntimeCompatibilityKit.this;
    }
  }
}
