package dev.skillrt.cli.soak;

import static dev.skillrt.api.ExecutionStatus.FAILED;
import static dev.skillrt.api.ExecutionStatus.KILLED_BY_LIMIT;
import static dev.skillrt.api.ExecutionStatus.SUCCEEDED;
import static dev.skillrt.api.ExecutionStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Limits;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day of mixed traffic with faults, pressed into a few minutes: over a thousand WASM and native
 * calls sixteen at a time (successes, failures, traps, timeouts, output floods, memory caps,
 * process trees that leave the session, cancellations at random moments), an engine closed under
 * load, a full work root, and Docker calls across an engine restart. Every call must end with the
 * status the documentation promises, and nothing may be left: no process, container, working
 * folder, file descriptor or thread. A hang fails the test at its timeout.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FaultSoakTests {

  static final int CALLS = 1040;
  static final int PARALLEL = 16;

  @TempDir Path dir;
  final String marker = "skillrt-soak-" + UUID.randomUUID();
  final Random random = new Random(Long.getLong("skillrt.soak.seed", System.nanoTime()));
  ExecutorService pool;
  ScheduledExecutorService canceller;
  Path workRoot;

  @BeforeEach
  void pools() {
    pool = Executors.newFixedThreadPool(PARALLEL, r -> new Thread(r, "soak-caller"));
    canceller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "soak-canceller"));
    workRoot = dir.resolve("work");
  }

  @AfterEach
  void stopPools() throws InterruptedException {
    pool.shutdownNow();
    canceller.shutdownNow();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    canceller.awaitTermination(30, TimeUnit.SECONDS);
  }

  static final List<SoakCall> MIX =
      List.of(
          SoakCall.of("w", "ok", SUCCEEDED).exit(0),
          SoakCall.of("w", "fail", FAILED).exit(3),
          SoakCall.of("w", "trap", FAILED),
          SoakCall.of("w", "spin", TIMED_OUT).timeout(300),
          SoakCall.of("w", "flood", KILLED_BY_LIMIT).limit("output"),
          SoakCall.of("w", "hog", KILLED_BY_LIMIT).exit(12).limit("memory"),
          SoakCall.of("w", "spin", TIMED_OUT).timeout(3000).cancelled(),
          SoakCall.of("n", "ok", SUCCEEDED).exit(0),
          SoakCall.of("n", "fail", FAILED).exit(3),
          SoakCall.of("n", "sleep", TIMED_OUT).timeout(300),
          SoakCall.of("n", "flood", KILLED_BY_LIMIT).limit("output"),
          SoakCall.of("n", "hog", FAILED).exit(1),
          SoakCall.of("n", "escape", SUCCEEDED).exit(0),
          SoakCall.of("n", "sleep", TIMED_OUT).timeout(3000).cancelled());

  SkillEngine engine(Path manifest, Path workRoot) {
    return SkillEngine.builder()
        .manifest(manifest)
        .environment(Map.of("PATH", "/usr/bin:/bin"))
        .runtimeConfig(
            "native", dev.skillrt.spi.RuntimeConfig.of(Map.of("work-root", workRoot.toString())))
        .build();
  }

  /** Runs one call and checks it ended as promised; returns what was wrong, or empty. */
  String check(SkillEngine engine, SoakCall call) {
    ExecuteOptions.Builder options = ExecuteOptions.builder();
    if (call.timeoutMillis() > 0) {
      options.limits(Limits.builder().timeout(Duration.ofMillis(call.timeoutMillis())).build());
    }
    if (call.cancel()) {
      Cancellation c = Cancellation.create();
      options.cancellation(c);
      canceller.schedule(c::cancel, random.nextInt(250), TimeUnit.MILLISECONDS);
    }
    ExecutionResult r;
    try {
      r = engine.execute(call.skill(), call.tool(), Map.of(), options.build());
    } catch (RuntimeException e) {
      return call + ": threw " + e;
    }
    List<String> wrong = new ArrayList<>();
    if (r.status() != call.expected()) {
      wrong.add(
          "status "
              + r.status()
              + " ("
              + r.message()
              + ", stderr "
              + r.stderr().text().strip()
              + ")");
    }
    call.exitCode()
        .ifPresent(
            code -> {
              if (r.exitCode().isEmpty() || r.exitCode().getAsInt() != code) {
                wrong.add("exit code " + r.exitCode() + " instead of " + code);
              }
            });
    call.limit()
        .ifPresent(
            limit -> {
              if (!limit.equals(r.metadata().get("limit"))) {
                wrong.add("limit " + r.metadata().get("limit") + " instead of " + limit);
              }
            });
    return wrong.isEmpty() ? "" : call + ": " + String.join("; ", wrong);
  }

  List<String> runMix(SkillEngine engine, int calls) throws Exception {
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      SoakCall call = MIX.get(random.nextInt(MIX.size()));
      futures.add(pool.submit(() -> check(engine, call)));
    }
    List<String> wrong = new ArrayList<>();
    for (Future<String> f : futures) {
      String w = f.get(2, TimeUnit.MINUTES);
      if (!w.isEmpty()) {
        wrong.add(w);
      }
    }
    return wrong;
  }

  @Test
  void mixedTrafficWithFaultsEndsAsDocumentedAndLeavesNothingBehind() throws Exception {
    long started = System.nanoTime();
    Path manifest = SoakManifest.write(dir, marker);
    // warm up once (class loading opens jars, pools start) so the census compares like with like
    try (SkillEngine warm = engine(manifest, workRoot)) {
      assertThat(runMix(warm, MIX.size() * 2)).isEmpty();
    }
    LeakCensus before = LeakCensus.take(marker, workRoot);

    try (SkillEngine engine = engine(manifest, workRoot)) {
      assertThat(runMix(engine, CALLS)).as("calls that did not end as promised").isEmpty();
    }

    SoakPhases.closeUnderLoad(this, manifest);
    SoakPhases.fullWorkRoot(this, manifest);
    SoakPhases.dockerAcrossARestart(this);

    LeakCensus after = settle(before);
    assertThat(after.markedProcesses()).as("processes left by the calls").isEmpty();
    assertThat(after.workFolders())
        .as("working folders left under " + workRoot)
        .isEqualTo(before.workFolders());
    assertThat(after.fileDescriptors())
        .as("open file descriptors (before: " + before.fileDescriptors() + ")")
        .isLessThanOrEqualTo(before.fileDescriptors() + 4);
    assertThat(newThreads(before, after)).as("threads left running").isEmpty();
    System.out.printf(
        "FaultSoakTests: %d mixed calls 16 at a time, an engine closed under load, a full work root"
            + " and Docker across an engine restart in %d s; left behind: %d processes, %d working"
            + " folders (before %d), %d file descriptors (before %d), %d new threads%n",
        CALLS,
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        after.markedProcesses().size(),
        after.workFolders().size(),
        before.workFolders().size(),
        after.fileDescriptors(),
        before.fileDescriptors(),
        newThreads(before, after).size());
  }

  /** Waits up to 20 s for the census to come back to {@code before}; returns the last one. */
  LeakCensus settle(LeakCensus before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    LeakCensus now = LeakCensus.take(marker, workRoot);
    while (System.nanoTime() < deadline
        && (!now.markedProcesses().isEmpty()
            || !now.workFolders().equals(before.workFolders())
            || now.fileDescriptors() > before.fileDescriptors() + 4
            || !newThreads(before, now).isEmpty())) {
      Thread.sleep(200);
      now = LeakCensus.take(marker, workRoot);
    }
    return now;
  }

  /** Threads alive now that were not before, but for this test's own idle pools. */
  List<String> newThreads(LeakCensus before, LeakCensus after) {
    return after.threads().stream()
        .filter(t -> !before.threads().contains(t))
        .filter(t -> !t.startsWith("soak-"))
        .toList();
  }

  void failWith(String what) {
    fail(what);
  }
}
