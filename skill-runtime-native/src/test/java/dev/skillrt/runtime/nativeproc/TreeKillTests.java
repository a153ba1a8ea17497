package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.processesWithEnv;
import static dev.skillrt.runtime.nativeproc.NativeTestSupport.stillThere;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A timeout or a cancellation stops the whole tree: a child that ignores SIGTERM and a grandchild
 * that moved to its own session included, checked by pid (and start time) afterwards; no zombie
 * remains.
 */
class TreeKillTests {

  private static final String MARK = "SKILLRT_TREE_MARK";

  @Test
  void aTimeoutStopsTheWholeTreeWithoutASandbox() throws Exception {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      checkTreeIsGone(runtime, SandboxMode.NONE, false);
    }
  }

  @Test
  void aTimeoutStopsTheWholeTreeInTheSandbox() throws Exception {
    NativeTestSupport.requireSandbox();
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      checkTreeIsGone(runtime, SandboxMode.BWRAP, false);
    }
  }

  @Test
  void aCancellationStopsTheWholeTree() throws Exception {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      checkTreeIsGone(runtime, SandboxMode.NONE, true);
    }
  }

  @Test
  void withoutAPidNamespaceTheSessionAndDescendantsAreStillStopped() throws Exception {
    // no unshare: the call is a setsid session, tracked through /proc; orphans are reaped by the
    // host's init, so here only "nothing running" is promised (see docs/native-runtime.md)
    try (NativeSkillRuntime runtime =
        NativeTestSupport.runtime(Map.of("unshare", "/nonexistent/unshare"))) {
      String mark = UUID.randomUUID().toString();
      CompletableFuture<ExecutionResult> call = start(runtime, SandboxMode.NONE, mark, null);
      Map<Long, Long> seen = awaitTree(mark);
      ExecutionResult r = call.get(30, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertThat(stillThere(seen)).allSatisfy(p -> assertThat(p).contains("state Z"));
      assertThat(processesWithEnv(MARK, mark)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void aCallThatEndsByItselfLeavesNoProcessAndNoZombie(SandboxMode mode) throws Exception {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      String mark = UUID.randomUUID().toString();
      ExecutionRequest request =
          ExecutionRequest.builder(
                  "s", "t", NativeTestSupport.sh(mode, "sleep 30 & sleep 2; echo done"))
              .env(MARK, mark)
              .networkAllowed(mode == SandboxMode.NONE)
              .build();
      CompletableFuture<ExecutionResult> call =
          CompletableFuture.supplyAsync(() -> runtime.execute(request));
      Map<Long, Long> seen = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        seen = processesWithEnv(MARK, mark);
        Thread.sleep(10);
      }
      assertThat(seen.size())
          .as("wrapper, sh and its sleeps seen running")
          .isGreaterThanOrEqualTo(3);
      ExecutionResult r = call.get(30, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().text()).isEqualTo("done\n");
      assertThat(stillThere(seen))
          .as("processes of the call left behind (zombies included)")
          .isEmpty();
    }
  }

  @Test
  void aKilledLaunchServerTakesItsCallsAlongAndANewOneServesTheNextCall() throws Exception {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      String mark = UUID.randomUUID().toString();
      ExecutionRequest sleeper =
          ExecutionRequest.builder("s", "t", NativeTestSupport.sh(SandboxMode.NONE, "sleep 300"))
              .env(MARK, mark)
              .limits(Limits.builder().timeout(Duration.ofMinutes(5)).build())
              .build();
      CompletableFuture<ExecutionResult> call =
          CompletableFuture.supplyAsync(() -> runtime.execute(sleeper));
      Map<Long, Long> seen = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        seen = processesWithEnv(MARK, mark);
        Thread.sleep(10);
      }
      assertThat(seen).as("the call's program seen running").isNotEmpty();
      List<ProcessHandle> servers = ServedCallAttackTests.launchServers();
      org.junit.jupiter.api.Assumptions.assumeFalse(
          servers.isEmpty(), "NOTE: no launch server (no launcher in this build): test skipped");
      servers.forEach(ProcessHandle::destroyForcibly);
      ExecutionResult r = call.get(30, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(r.message()).contains("signal 9");
      assertThat(stillThere(seen)).as("processes of the call left behind").isEmpty();
      ExecutionResult next =
          runtime.execute(
              ExecutionRequest.builder("s", "t", NativeTestSupport.sh(SandboxMode.NONE, "echo hi"))
                  .build());
      assertThat(next.stdout().text()).as(next.message()).isEqualTo("hi\n");
      assertThat(ServedCallAttackTests.launchServers())
          .as("a new server")
          .hasSize(1)
          .doesNotContainAnyElementsOf(servers);
    }
  }

  private void checkTreeIsGone(NativeSkillRuntime runtime, SandboxMode mode, boolean cancel)
      throws Exception {
    String mark = UUID.randomUUID().toString();
    Cancellation cancellation = Cancellation.create();
    long start = System.nanoTime();
    CompletableFuture<ExecutionResult> call =
        start(runtime, mode, mark, cancel ? cancellation : null);
    Map<Long, Long> seen = awaitTree(mark);
    if (cancel) {
      cancellation.cancel();
    }
    ExecutionResult r = call.get(30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.status())
        .as(r.message())
        .isEqualTo(cancel ? ExecutionStatus.CANCELLED : ExecutionStatus.TIMED_OUT);
    assertThat(took).isLessThan(Duration.ofSeconds(cancel ? 10 : 5));
    assertThat(stillThere(seen))
        .as("processes of the call left behind (zombies included)")
        .isEmpty();
    assertThat(processesWithEnv(MARK, mark)).isEmpty();
  }

  private static CompletableFuture<ExecutionResult> start(
      NativeSkillRuntime runtime,
      SandboxMode mode,
      String mark,
      @Nullable Cancellation cancellation) {
    ExecutionRequest.Builder request =
        ExecutionRequest.builder("s", "t", NativeTestSupport.fixture(mode, "process-tree.sh"))
            .env(MARK, mark)
            .mount(NativeTestSupport.fixturesMount())
            .networkAllowed(mode == SandboxMode.NONE)
            .limits(
                Limits.builder()
                    .timeout(cancellation == null ? Duration.ofSeconds(2) : Duration.ofSeconds(60))
                    .build());
    if (cancellation != null) {
      request.cancellation(cancellation);
    }
    return CompletableFuture.supplyAsync(() -> runtime.execute(request.build()));
  }

  /** Waits until the fixture's tree is complete: sh, the child, its sleeps and the grandchild. */
  private static Map<Long, Long> awaitTree(String mark) throws InterruptedException {
    Map<Long, Long> seen = Map.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      seen = processesWithEnv(MARK, mark);
      if (seen.size() >= 4) {
        break;
      }
      Thread.sleep(20);
    }
    assertThat(seen.size())
        .as("the fixture's processes were seen running")
        .isGreaterThanOrEqualTo(4);
    return seen;
  }
}
