package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.OverflowAction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Timeout, cancellation, memory cap and output cap on real modules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmLimitsTests {

  private WasmSkillRuntime runtime;

  @BeforeAll
  void start() {
    runtime = new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache());
  }

  @AfterAll
  void stop() {
    runtime.close();
  }

  private static ExecutionRequest.Builder request(ModuleSpec spec) {
    return ExecutionRequest.builder("limits", "tool", spec);
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void anInfiniteLoopIsStoppedAtTheTimeout(WasmMode mode) {
    Duration timeout = Duration.ofMillis(500);
    ModuleSpec loop = new ModuleSpec(Fixtures.path("loop.wasm"), List.of(), mode);
    runtime.preload(loop);
    long start = System.nanoTime();
    ExecutionResult r =
        runtime.execute(request(loop).limits(Limits.builder().timeout(timeout).build()).build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "infinite loop (%s), timeout %d ms: returned after %d ms (%d ms past the deadline)%n",
        mode, timeout.toMillis(), took.toMillis(), took.minus(timeout).toMillis());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(r.metadata()).containsEntry("limit", "timeout");
    assertThat(took).isLessThan(timeout.plusSeconds(2));
    assertThreadGone(r);
  }

  @Test
  void aSleepingModuleIsCancelledPromptly() throws Exception {
    Cancellation cancellation = Cancellation.create();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(
            () ->
                runtime.execute(
                    request(Fixtures.skill("sleep-forever")).cancellation(cancellation).build()));
    Thread.sleep(300);
    long start = System.nanoTime();
    cancellation.cancel();
    ExecutionResult r = call.get(10, TimeUnit.SECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("cancel of a sleeping module returned after " + tookMs + " ms");
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThreadGone(r);
  }

  @Test
  void theCallThreadIsNotLeftInterruptedForLaterCalls() {
    runtime.execute(
        request(Fixtures.wat("loop"))
            .limits(Limits.builder().timeout(Duration.ofMillis(100)).build())
            .build());
    ExecutionResult next = runtime.execute(request(Fixtures.skill("fib", "15")).build());
    assertThat(next.status()).as(next.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(next.stdout().text()).isEqualTo("610\n");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void allocatingWithoutEndIsStoppedByTheMemoryCap(WasmMode mode) {
    ExecutionResult r =
        runtime.execute(
            request(Fixtures.skill(mode, "alloc-forever"))
                .limits(
                    Limits.builder()
                        .memory(DataSize.ofMebibytes(16))
                        .timeout(Duration.ofSeconds(30))
                        .build())
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
    assertThat(r.metadata()).containsEntry("limit", "memory");
    assertThat(r.message()).contains("memory limit");
    String said = r.stderr().text();
    assertThat(said).startsWith("malloc refused after ");
    long mib = Long.parseLong(said.replaceAll("\\D+", ""));
    assertThat(mib).isBetween(10L, 16L);
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aModuleThatTrapsWhenGrowthIsRefusedIsKilledByTheMemoryLimit(WasmMode mode) {
    ExecutionResult r =
        runtime.execute(
            request(new ModuleSpec(Fixtures.path("grow.wasm"), List.of(), mode))
                .limits(Limits.builder().memory(DataSize.ofMebibytes(4)).build())
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
    assertThat(r.metadata()).containsEntry("limit", "memory");
    assertThat(r.message()).contains("trapped").contains("64 pages");
  }

  @Test
  void aTrapWithoutRefusedGrowthIsAPlainFailure() {
    ExecutionResult r =
        runtime.execute(
            request(Fixtures.wat("trap"))
                .limits(Limits.builder().memory(DataSize.ofMebibytes(4)).build())
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.metadata()).doesNotContainKey("limit");
  }

  @Test
  void theDefaultMemoryCapAppliesWhenTheCallSetsNone() {
    try (WasmSkillRuntime small =
        new WasmSkillRuntime(
            WasmRuntimeConfig.defaults()
                .withoutDiskCache()
                .withDefaultMemory(DataSize.ofMebibytes(8)))) {
      ExecutionResult r = small.execute(request(Fixtures.skill("alloc-forever")).build());
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
      assertThat(Long.parseLong(r.stderr().text().replaceAll("\\D+", ""))).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void aCapBelowTheModulesOwnMinimumIsRefusedWithWhatToRaise() {
    ExecutionResult r =
        runtime.execute(
            request(Fixtures.wat("bigmin"))
                .limits(Limits.builder().memory(DataSize.ofMebibytes(1)).build())
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .extracting(v -> v.ruleId())
        .containsExactly(WasmSkillRuntime.MEMORY_BELOW_MINIMUM);
    assertThat(r.message()).contains("32 pages").contains("at least 2m");
  }

  @Test
  void theMemoryRuleReportsAtValidationToo() {
    var violations =
        runtime.check(
            request(Fixtures.wat("bigmin"))
                .limits(Limits.builder().memory(DataSize.ofKibibytes(512)).build())
                .build(),
            dev.skillrt.api.PolicyPhase.VALIDATE);
    assertThat(violations)
        .extracting(v -> v.ruleId())
        .contains(WasmSkillRuntime.MEMORY_BELOW_MINIMUM);
  }

  @Test
  void aModuleStuckInAHostCallIsReportedAndTrackedUntilItLeaves() throws Exception {
    WasmSkillRuntime own =
        new WasmSkillRuntime(
            WasmRuntimeConfig.from(
                dev.skillrt.spi.RuntimeConfig.of(
                    java.util.Map.of("cache-dir", "none", "stop-grace", "300ms"))));
    CountDownLatch release = new CountDownLatch(1);
    try (own) {
      // compiled ahead: compiling would count against the short timeout
      own.preload(Fixtures.skill("print-forever"));
      long start = System.nanoTime();
      ExecutionResult r =
          own.execute(
              request(Fixtures.skill("print-forever"))
                  // long enough for the module to be inside fd_write on a busy machine
                  .limits(Limits.builder().timeout(Duration.ofSeconds(1)).build())
                  .outputListener(
                      (stream, chunk) -> {
                        // a listener that ignores interrupts keeps the module inside fd_write
                        while (true) {
                          try {
                            release.await();
                            return;
                          } catch (InterruptedException e) {
                            // ignored on purpose
                          }
                        }
                      })
                  .build());
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(r.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertThat(r.message()).contains("did not stop within");
      assertThat(tookMs).isLessThan(5000);
      assertThat(own.runningCalls()).contains(r.metadata().get("call"));
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (own.runningCalls().contains(r.metadata().get("call"))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      CallChecks.assertNothingLeftRunning(own, r);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aCapAtTheModulesMinimumRuns() {
    ExecutionResult r =
        runtime.execute(
            request(Fixtures.wat("bigmin"))
                .limits(Limits.builder().memory(DataSize.ofMebibytes(2)).build())
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void printingForeverIsStoppedAtTheOutputCap() {
    ExecutionResult r =
        runtime.execute(
            request(Fixtures.skill("print-forever"))
                .overflowAction(OverflowAction.STOP)
                .limits(
                    Limits.builder()
                        .outputPerStream(DataSize.ofKibibytes(64))
                        .timeout(Duration.ofSeconds(30))
                        .build())
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
    assertThat(r.metadata()).containsEntry("limit", "output");
    assertThat(r.stdout().size()).isEqualTo(64 * 1024);
    assertThat(r.stdout().truncated()).isTrue();
    assertThat(r.duration()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aCpuShareBelowOneCoreIsRefused() {
    ExecutionResult r =
        runtime.execute(
            request(Fixtures.skill("args")).limits(Limits.builder().cpus(0.5).build()).build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .extracting(v -> v.ruleId())
        .containsExactly(WasmSkillRuntime.CPUS_BELOW_ONE);
  }

  @Test
  void aCpuTimeLimitIsRefusedNotIgnored() {
    ExecutionResult r =
        runtime.execute(
            request(Fixtures.skill("args"))
                .limits(Limits.builder().cpuTime(Duration.ofSeconds(5)).build())
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
  }

  private void assertThreadGone(ExecutionResult r) {
    CallChecks.assertNothingLeftRunning(runtime, r);
  }
}
