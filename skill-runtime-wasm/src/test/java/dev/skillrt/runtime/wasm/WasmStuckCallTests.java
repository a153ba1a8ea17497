package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.OutputListener;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.RuntimeConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A module stuck in a host call that ignores its stop keeps its call slot (its thread, its memory)
 * until it leaves; a call that cannot have a slot because of stuck modules is told so, with how
 * many and what to do, and never that the runtime is closing.
 *
 * <p>The stuck host call here is {@code fd_write} with an output listener that ignores interrupts
 * until the test lets it go.
 */
class WasmStuckCallTests {

  @Test
  void aCallThatFindsEverySlotHeldByStuckModulesIsDeniedAtOnceAndSaysWhy() throws Exception {
    CountDownLatch letGo = new CountDownLatch(1);
    try (WasmSkillRuntime one = runtime(1)) {
      ExecutionResult stuck = one.execute(stuckInFdWrite(letGo));

      long start = System.nanoTime();
      ExecutionResult next = one.execute(benign(Duration.ofSeconds(60)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(stuck.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertThat(stuck.message())
          .contains("did not stop within PT0.3S (busy in host call fd_write)")
          .contains("keeping its call slot")
          .contains("stuck calls now hold 1 of the runtime's 1 call slots");
      assertThat(stuck.metadata())
          .containsEntry("stuck-in", "fd_write")
          .containsEntry("stuck-calls", "1");
      assertThat(one.stuckCalls())
          .containsExactly(Map.entry(stuck.metadata().get("call"), "fd_write"));

      assertThat(next.status()).as(next.message()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(next.violations())
          .extracting(Violation::ruleId)
          .containsExactly(WasmSkillRuntime.STUCK_CALLS);
      assertThat(next.message())
          .contains(
              "the wasm runtime's only call slot is held by a module stuck in a host call"
                  + " past its stop (fd_write)")
          .contains("raise max-concurrent-calls, or restart the JVM")
          .doesNotContain("is closing");
      assertThat(next.metadata()).containsEntry("stuck-calls", "1");
      assertThat(took)
          .as("denied at once, not after its 60 s timeout")
          .isLessThan(Duration.ofSeconds(10));

      letGo.countDown();
      awaitNoStuckCall(one);
      ExecutionResult after = one.execute(benign(Duration.ofSeconds(60)));
      assertThat(after.status()).as(after.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(after.metadata()).doesNotContainKeys("stuck-calls", "stuck-in");
      CallChecks.assertNothingLeftRunning(one, stuck);
    } finally {
      letGo.countDown();
    }
  }

  @Test
  void aCallThatTimesOutWaitingForASlotSaysHowManyAreHeldByStuckModules() throws Exception {
    CountDownLatch letGo = new CountDownLatch(1);
    Cancellation stopSleeper = Cancellation.create();
    try (WasmSkillRuntime two = runtime(2)) {
      ExecutionResult stuck = two.execute(stuckInFdWrite(letGo));
      CompletableFuture<ExecutionResult> sleeper =
          CompletableFuture.supplyAsync(
              () ->
                  two.execute(
                      request(Fixtures.skill("sleep-forever")).cancellation(stopSleeper).build()));
      awaitRunning(two, 2);

      ExecutionResult waited = two.execute(benign(Duration.ofMillis(500)));

      assertThat(stuck.metadata()).containsEntry("stuck-in", "fd_write");
      // too many calls at once is the same refusal as the engine's: DENIED, concurrency.busy
      assertThat(waited.status()).as(waited.message()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(waited.violations())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.ruleId()).isEqualTo(Violation.TOO_MANY_CALLS);
                assertThat(v.message())
                    .startsWith(
                        "waited PT0.5S (the call's timeout) for one of the 2 call slots of the wasm runtime"
                            + " and none came free; 1 of them is held by a module stuck in a host call past its stop (fd_write)")
                    .doesNotContain("is closing");
              });
      assertThat(waited.metadata()).containsEntry("stuck-calls", "1");

      stopSleeper.cancel();
      assertThat(sleeper.get(30, TimeUnit.SECONDS).status()).isEqualTo(ExecutionStatus.CANCELLED);
      letGo.countDown();
      awaitNoStuckCall(two);
    } finally {
      stopSleeper.cancel();
      letGo.countDown();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static WasmSkillRuntime runtime(int slots) {
    WasmSkillRuntime runtime =
        new WasmSkillRuntime(
            WasmRuntimeConfig.from(
                RuntimeConfig.of(
                    Map.of(
                        "cache-dir", "none",
                        "stop-grace", "300ms",
                        "max-concurrent-calls", String.valueOf(slots)))));
    // compiled ahead: compiling would count against the short timeouts
    runtime.preload(Fixtures.skill("print-forever"));
    return runtime;
  }

  private static ExecutionRequest.Builder request(ModuleSpec spec) {
    return ExecutionRequest.builder("stuck", "tool", spec);
  }

  /** A call whose module prints to a listener that ignores interrupts until {@code letGo}. */
  private static ExecutionRequest stuckInFdWrite(CountDownLatch letGo) {
    OutputListener deaf =
        (stream, chunk) -> {
          while (true) {
            try {
              letGo.await();
              return;
            } catch (InterruptedException e) {
              // ignored on purpose: the module stays inside fd_write
            }
          }
        };
    return request(Fixtures.skill("print-forever"))
        // long enough for the module to be inside fd_write on a busy machine
        .limits(Limits.builder().timeout(Duration.ofSeconds(1)).build())
        .outputListener(deaf)
        .build();
  }

  private static ExecutionRequest benign(Duration timeout) {
    return request(Fixtures.skill("fib", "15"))
        .limits(Limits.builder().timeout(timeout).build())
        .build();
  }

  private static void awaitNoStuckCall(WasmSkillRuntime runtime) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!runtime.stuckCalls().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(runtime.stuckCalls()).as("stuck calls once let go").isEmpty();
  }

  private static void awaitRunning(WasmSkillRuntime runtime, int calls)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (runtime.runningCalls().size() < calls && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(runtime.runningCalls()).hasSize(calls);
  }
}
