package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.Limits;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.api.Violation;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.spi.SkillRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of {@link SkillRuntime}, written once: every backend's tests extend this class in
 * a few lines, supplying the runtime and fixtures that do simple things in its world (a process, a
 * container, a module). Each {@code @Nested} group is one promise; a backend that breaks a promise
 * fails that group.
 *
 * <p>Example:
 *
 * <pre>{@code
 * class NativeCompatibilityTests extends SkillRuntimeCompatibilityKit {
 *   protected SkillRuntime createRuntime() { return new NativeSkillRuntimeProvider().create(RuntimeConfig.empty()); }
 *   protected RuntimeSpec echoStdin() { return CommandSpec.of("/bin/cat", List.of()); }
 *   ...
 * }
 * }</pre>
 *
 * <p>The runtime is created once per test class and closed after it (the lifecycle group creates
 * its own). Tests bound every wait, so a broken backend fails instead of hanging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SkillRuntimeCompatibilityKit {

  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private SkillRuntime runtime;

  // ---- what a backend supplies ----------------------------------------------------------------

  /** Creates the runtime under test. Called once per test class, and by the lifecycle group. */
  protected abstract SkillRuntime createRuntime();

  /** Copies standard input to standard output, then exits 0. */
  protected abstract RuntimeSpec echoStdin();

  /** Prints the value of the environment variable {@code name} to stdout (a newline may follow). */
  protected abstract RuntimeSpec printEnv(String name);

  /** Prints {@code text} to standard error, then exits 0. */
  protected abstract RuntimeSpec printToStderr(String text);

  /** Exits with {@code code} (1..125). */
  protected abstract RuntimeSpec exitWith(int code);

  /** Writes {@code count} bytes to {@code stream}, then exits 0. */
  protected abstract RuntimeSpec writeBytes(StreamKind stream, long count);

  /** Never ends by itself. */
  protected abstract RuntimeSpec sleepForever();

  /** Starts a child (process, thread) that sleeps forever, then sleeps forever itself. */
  protected abstract RuntimeSpec spawnChildThatSleepsForever();

  /**
   * Proves that nothing the given call started is still running (processes, containers,
   * threads). Called after a timeout or a cancellation; fails the test when something remains.
   */
  protected abstract void assertNothingLeftRunning(ExecutionResult result);

  /** Allocates memory without end; only asked when the runtime enforces {@link LimitKind#MEMORY}. */
  protected Optional<RuntimeSpec> allocateMemoryForever() {
    return Optional.empty();
  }

  /** The request every test starts from; override to add environment or mounts. */
  protected ExecutionRequest.Builder request(RuntimeSpec spec) {
    return ExecutionRequest.builder("tck", "tool", spec);
  }

  /** How long past a timeout a runtime may take to report it. */
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

  /** The runtime under test. */
  protected final SkillRuntime runtime() {
    return runtime;
  }

  /** Runs a request, failing (not hanging) when the runtime does not return in time. */
  protected final ExecutionResult run(ExecutionRequest request) {
    return assertTimeoutPreemptively(
        HANG_GUARD, () -> runtime.execute(request), "the runtime did not return within " + HANG_GUARD);
  }

  private ExecutionResult run(ExecutionRequest.Builder request) {
    return run(request.build());
  }

  private Limits timeoutOnly(Duration timeout) {
    return Limits.builder().timeout(timeout).build();
  }

  // ---- the promises ---------------------------------------------------------------------------

  @Nested
  @DisplayName("execution: stdin, stdout, stderr, environment, exit code")
  class Execution {

    @Test
    void stdinReachesTheSkillAndItsOutputComesBack() {
      ExecutionResult r = run(request(echoStdin()).stdin("hello, tck\nsecond line"));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.exitCode()).hasValue(0);
      assertThat(r.stdout().text()).isEqualTo("hello, tck\nsecond line");
      assertThat(r.stdout().truncated()).isFalse();
    }

    @Test
    void emptyStdinIsAnImmediateEndOfInput() {
      ExecutionResult r = run(request(echoStdin()));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().size()).isZero();
    }

    @Test
    void binaryStdinIsPassedUnchanged() {
      byte[] bytes = new byte[4096];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (i * 31 + 7);
      }
      ExecutionResult r = run(request(echoStdin()).stdin(bytes));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().bytes()).isEqualTo(bytes);
    }

    @Test
    void stderrIsCapturedApartFromStdout() {
      ExecutionResult r = run(request(printToStderr("only on stderr")));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stderr().text()).contains("only on stderr");
      assertThat(r.stdout().text()).doesNotContain("only on stderr");
    }

    @Test
    void theRequestEnvironmentReachesTheSkill() {
      ExecutionResult r =
          run(request(printEnv("SKILLRT_TCK_VALUE")).env("SKILLRT_TCK_VALUE", "v a l;u$e"));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().text().strip()).isEqualTo("v a l;u$e");
    }

    @Test
    void aNonZeroExitIsAFailedResultNotAnException() {
      ExecutionResult r = run(request(exitWith(42)));
      assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(r.exitCode()).hasValue(42);
    }

    @Test
    void theListenerSeesTheOutputAsItIsCaptured() {
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      ExecutionResult r =
          run(
              request(echoStdin())
                  .stdin("streamed")
                  .outputListener(
                      (stream, chunk) -> {
                        if (stream == StreamKind.STDOUT) {
                          synchronized (seen) {
                            seen.writeBytes(chunk);
                          }
                        }
                      }));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      synchronized (seen) {
        assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("streamed");
      }
    }

    @Test
    void aFailingListenerDoesNotFailTheCall() {
      ExecutionResult r =
          run(
              request(echoStdin())
                  .stdin("still captured")
                  .outputListener(
                      (stream, chunk) -> {
                        throw new IllegalStateException("listener bug");
                      }));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().text()).isEqualTo("still captured");
    }
  }

  @Nested
  @DisplayName("limits: output cap, truncation, memory")
  class LimitsGroup {

    @Test
    void outputWithinTheLimitIsWhole() {
      ExecutionResult r =
          run(
              request(writeBytes(StreamKind.STDOUT, 1000))
                  .limits(Limits.builder().outputPerStream(DataSize.ofBytes(4096)).build()));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().size()).isEqualTo(1000);
      assertThat(r.stdout().truncated()).isFalse();
    }

    @Test
    void stdoutPastTheLimitIsCutAndFlagged() {
      ExecutionResult r =
          run(
              request(writeBytes(StreamKind.STDOUT, 200_000))
                  .limits(Limits.builder().outputPerStream(DataSize.ofBytes(1000)).build()));
      assertThat(r.stdout().size()).isEqualTo(1000);
      assertThat(r.stdout().truncated()).isTrue();
      assertThat(r.stderr().truncated()).isFalse();
      assertThat(r.status()).isIn(ExecutionStatus.KILLED_BY_LIMIT, ExecutionStatus.SUCCEEDED);
    }

    @Test
    void stderrPastTheLimitIsCutAndFlagged() {
      ExecutionResult r =
          run(
              request(writeBytes(StreamKind.STDERR, 200_000))
                  .limits(Limits.builder().outputPerStream(DataSize.ofBytes(1000)).build()));
      assertThat(r.stderr().size()).isEqualTo(1000);
      assertThat(r.stderr().truncated()).isTrue();
      assertThat(r.stdout().truncated()).isFalse();
    }

    @Test
    void stopOnOverflowEndsTheSkillAsKilledByLimit() {
      ExecutionResult r =
          run(
              request(writeBytes(StreamKind.STDOUT, 50_000_000))
                  .overflowAction(OverflowAction.STOP)
                  .limits(
                      Limits.builder()
                          .outputPerStream(DataSize.ofBytes(1000))
                          .timeout(Duration.ofSeconds(30))
                          .build()));
      assertThat(r.status()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
      assertThat(r.stdout().truncated()).isTrue();
      assertThat(r.stdout().size()).isEqualTo(1000);
    }

    @Test
    void discardOnOverflowLetsTheSkillFinish() {
      ExecutionResult r =
          run(
              request(writeBytes(StreamKind.STDOUT, 100_000))
                  .overflowAction(OverflowAction.DISCARD)
                  .limits(Limits.builder().outputPerStream(DataSize.ofBytes(1000)).build()));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().truncated()).isTrue();
      assertThat(r.stdout().size()).isEqualTo(1000);
    }

    @Test
    void withoutAnOutputLimitTheCaptureIsStillBounded() {
      long flood = Limits.DEFAULT_OUTPUT_PER_STREAM.bytes() * 3;
      ExecutionResult r =
          run(
              request(writeBytes(StreamKind.STDOUT, flood))
                  .overflowAction(OverflowAction.DISCARD));
      assertThat(r.stdout().size()).isEqualTo(Limits.DEFAULT_OUTPUT_PER_STREAM.bytes());
      assertThat(r.stdout().truncated()).isTrue();
    }

    @Test
    void aMemoryCapStopsASkillThatAllocatesWithoutEnd() {
      assumeTrue(
          runtime.capabilities().limits().contains(LimitKind.MEMORY),
          "this runtime does not enforce memory limits");
      RuntimeSpec hog =
          allocateMemoryForever()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the runtime enforces MEMORY, so the kit needs allocateMemoryForever()"));
      ExecutionResult r =
          run(
              request(hog)
                  .limits(
                      Limits.builder()
                          .memory(DataSize.ofMebibytes(64))
                          .timeout(Duration.ofSeconds(30))
                          .build()));
      assertThat(r.status())
          .as("a capped allocation ends the skill: %s", r.message())
          .isIn(ExecutionStatus.KILLED_BY_LIMIT, ExecutionStatus.FAILED);
    }
  }

  @Nested
  @DisplayName("timeout and cancellation: stopped in time, nothing left running")
  class TimeoutAndCancellation {

    @Test
    void aSleepingSkillTimesOutWithinTheTimeoutPlusGrace() {
      Duration timeout = shortTimeout();
      long start = System.nanoTime();
      ExecutionResult r = run(request(sleepForever()).limits(timeoutOnly(timeout)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertThat(took).isLessThan(timeout.plus(grace()));
      assertNothingLeftRunning(r);
    }

    @Test
    void aTimeoutStopsTheChildrenToo() {
      ExecutionResult r =
          run(request(spawnChildThatSleepsForever()).limits(timeoutOnly(shortTimeout())));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertNothingLeftRunning(r);
    }

    @Test
    void cancellingAnExecutionInFlightEndsItAsCancelled() throws Exception {
      Cancellation cancellation = Cancellation.create();
      CompletableFuture<ExecutionResult> call =
          CompletableFuture.supplyAsync(
              () ->
                  runtime.execute(
                      request(spawnChildThatSleepsForever())
                          .cancellation(cancellation)
                          .limits(timeoutOnly(Duration.ofSeconds(30)))
                          .build()));
      Thread.sleep(500);
      long start = System.nanoTime();
      cancellation.cancel();
      ExecutionResult r = call.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.CANCELLED);
      assertThat(took).isLessThan(grace());
      assertNothingLeftRunning(r);
    }

    @Test
    void aCallCancelledBeforeItStartsDoesNotRun() {
      Cancellation cancellation = Cancellation.create();
      cancellation.cancel();
      ExecutionResult r = run(request(sleepForever()).cancellation(cancellation));
      assertThat(r.status()).isEqualTo(ExecutionStatus.CANCELLED);
    }
  }

  @Nested
  @DisplayName("policy: denials are results, unsupported limits are refused")
  class Policy {

    @Test
    void aRuleThatObjectsYieldsDeniedWithEveryViolation() {
      PolicyRule first =
          PolicyRule.of("tck.first", (req, phase) -> List.of(Violation.error("tck.first", "no", "a")));
      PolicyRule second =
          PolicyRule.of("tck.second", (req, phase) -> List.of(Violation.error("tck.second", "no", "b")));
      ExecutionResult r = run(request(echoStdin()).policyRule(first).policyRule(second));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations()).extracting(Violation::ruleId).contains("tck.first", "tck.second");
      assertThat(r.stdout().size()).isZero();
    }

    @Test
    void aDeniedRequestRunsNothing() {
      List<String> ran = new ArrayList<>();
      PolicyRule deny =
          PolicyRule.of("tck.deny", (req, phase) -> List.of(Violation.error("tck.deny", "no", "x")));
      ExecutionResult r =
          run(
              request(echoStdin())
                  .stdin("should not run")
                  .policyRule(deny)
                  .outputListener((stream, chunk) -> ran.add("output")));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.exitCode()).isEmpty();
      assertThat(ran).isEmpty();
    }

    @Test
    void aWarningDoesNotDeny() {
      PolicyRule warn =
          PolicyRule.of(
              "tck.warn", (req, phase) -> List.of(Violation.warning("tck.warn", "careful", "x")));
      ExecutionResult r = run(request(echoStdin()).stdin("ok").policyRule(warn));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aRuleThatThrowsDeniesTheRequest() {
      PolicyRule broken =
          PolicyRule.of(
              "tck.broken",
              (req, phase) -> {
                throw new IllegalStateException("bug in a rule");
              });
      ExecutionResult r = run(request(echoStdin()).policyRule(broken));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations()).extracting(Violation::ruleId).contains("tck.broken");
    }

    @Test
    void aLimitTheRuntimeCannotEnforceIsRefusedNotIgnored() {
      Set<LimitKind> unsupported = EnumSet.allOf(LimitKind.class);
      unsupported.removeAll(runtime.capabilities().limits());
      assumeTrue(!unsupported.isEmpty(), "this runtime enforces every kind of limit");
      LimitKind kind = unsupported.iterator().next();
      Limits.Builder limits = Limits.builder();
      switch (kind) {
        case TIMEOUT -> limits.timeout(Duration.ofSeconds(10));
        case MEMORY -> limits.memory(DataSize.ofMebibytes(256));
        case CPUS -> limits.cpus(1.0);
        case CPU_TIME -> limits.cpuTime(Duration.ofSeconds(10));
        case PROCESSES -> limits.processes(16);
        case OUTPUT -> limits.outputPerStream(DataSize.ofKibibytes(64));
      }
      ExecutionResult r = run(request(echoStdin()).limits(limits.build()));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations()).isNotEmpty();
    }

    @Test
    void secretsNeverLeaveInADenial() {
      String secret = "tck-secret-" + System.nanoTime();
      PolicyRule quoting =
          PolicyRule.of(
              "tck.quoting",
              (req, phase) ->
                  List.of(Violation.error("tck.quoting", "the token " + secret + " is bad", secret)));
      PolicyRule throwing =
          PolicyRule.of(
              "tck.throwing",
              (req, phase) -> {
                throw new IllegalStateException("cannot parse " + secret);
              });
      ExecutionResult r =
          run(
              request(echoStdin())
                  .secretValue(secret)
                  .policyRule(quoting)
                  .policyRule(throwing));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.message()).doesNotContain(secret);
      assertThat(r.violations())
          .hasSize(2)
          .allSatisfy(
              v -> {
                assertThat(v.message()).doesNotContain(secret);
                assertThat(v.offendingValue()).doesNotContain(secret);
              });
    }

    @Test
    void denialCanBeTurnedIntoAnException() {
      PolicyRule deny =
          PolicyRule.of("tck.deny", (req, phase) -> List.of(Violation.error("tck.deny", "no", "x")));
      ExecutionResult r = run(request(echoStdin()).policyRule(deny));
      assertThatThrownBy(r::throwIfDenied)
          .isInstanceOf(dev.skillrt.api.PolicyViolationException.class)
          .hasMessageContaining("tck.deny");
    }
  }

  @Nested
  @DisplayName("lifecycle: close is idempotent, execute after close fails clearly")
  class Lifecycle {

    @Test
    void closeTwiceIsFine() {
      SkillRuntime own = createRuntime();
      own.close();
      own.close();
    }

    @Test
    void executeAfterCloseFailsClearly() {
      SkillRuntime own = createRuntime();
      own.close();
      assertThatThrownBy(() -> own.execute(request(echoStdin()).build()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }

    @Test
    void theRuntimeSaysWhatItIs() {
      assertThat(runtime.id()).matches("[a-z][a-z0-9-]*");
      assertThat(runtime.capabilities()).isNotNull();
    }
  }

  @Nested
  @DisplayName("concurrency: parallel calls each get exactly their own output")
  class Concurrency {

    @Test
    void parallelCallsGetTheirOwnOutput() throws Exception {
      int n = parallelCalls();
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64));
      try {
        List<Future<ExecutionResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String payload = "call-" + i + "-" + "x".repeat(i);
          calls.add(
              pool.submit(
                  () ->
                      runtime.execute(
                          request(echoStdin())
                              .stdin(payload)
                              .limits(timeoutOnly(Duration.ofSeconds(60)))
                              .build())));
        }
        for (int i = 0; i < n; i++) {
          ExecutionResult r = calls.get(i).get(120, TimeUnit.SECONDS);
          assertThat(r.status()).as("call %d: %s", i, r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
          assertThat(r.stdout().text()).as("call %d", i).isEqualTo("call-" + i + "-" + "x".repeat(i));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
