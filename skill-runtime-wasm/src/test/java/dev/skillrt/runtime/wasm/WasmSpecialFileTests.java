package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.spi.RuntimeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A FIFO put in a grant while a call runs (by a host process of the JVM's user, as a native skill
 * sharing the folder could; a grant holding one when the call starts is refused before that):
 * opening it waits in {@code open(2)} for the other end, deaf to interrupts, so a module that
 * opened one held its worker thread for good, and enough of them left the runtime refusing every
 * call. Modules may open only regular files and folders: the rest is refused with {@code ENOTSUP}
 * ("Not supported") at once.
 *
 * <p>Each call runs {@code paths after /ro/go COMMAND...}: the module says it waits, the test makes
 * the FIFO, then lets the module go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WasmSpecialFileTests {

  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);
  private static final String WAITING = "waiting for /ro/go\n";

  private WasmSkillRuntime runtime;
  @TempDir Path base;
  private Path data;
  private Path readOnly;

  @BeforeAll
  void start() {
    runtime = new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache());
  }

  @AfterAll
  void stop() {
    runtime.close();
  }

  @BeforeEach
  void folders() throws Exception {
    Path test = Files.createTempDirectory(base.toRealPath(), "test");
    data = Files.createDirectories(test.resolve("data"));
    readOnly = Files.createDirectories(test.resolve("ro"));
    Files.writeString(data.resolve("ok.txt"), "benign");
  }

  @ParameterizedTest
  @ValueSource(strings = {"read /data/p", "write /data/p written", "read /ro/p"})
  void openingAFifoIsRefusedAtOnce(String command) throws Exception {
    String[] args = command.split(" ");

    ExecutionResult r = runAfter(runtime, this::makeFifos, UnaryOperator.identity(), args);

    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.exitCode()).hasValue(2);
    assertThat(r.stderr().text())
        .isEqualTo("cannot " + args[0] + " " + args[1] + ": Not supported\n");
    assertThat(r.duration()).isLessThan(Duration.ofSeconds(5));
    CallChecks.assertNothingLeftRunning(runtime, r);
    assertThat(runtime.stuckCalls()).isEmpty();
    assertThat(isFifo(data.resolve("p"))).as("still the FIFO, untouched").isTrue();
  }

  @Test
  void settingTheTimesOfAFifoIsRefused() throws Exception {
    Path fifo = data.resolve("p");

    ExecutionResult r =
        runAfter(
            runtime,
            () -> {
              mkfifo(fifo);
              setTimesWithoutOpening(fifo);
            },
            UnaryOperator.identity(),
            "touch-nofollow",
            "/data/p",
            "86400");

    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).isEqualTo("cannot touch /data/p: Not supported\n");
    assertThat(Files.getLastModifiedTime(fifo, LinkOption.NOFOLLOW_LINKS)).isEqualTo(LONG_AGO);
    CallChecks.assertNothingLeftRunning(runtime, r);
  }

  /** A file the module holds open, swapped for a FIFO by another process; then its times set. */
  @Test
  void aHeldFileSwappedForAFifoIsNotTouched() throws Exception {
    Path held = data.resolve("held.txt");
    Files.writeString(held, "held");
    CountDownLatch holding = new CountDownLatch(1);
    StringBuffer seen = new StringBuffer();
    ExecutionRequest request =
        request("hold-file", "/data/held.txt", "86400")
            .outputListener(
                (stream, chunk) -> {
                  seen.append(new String(chunk, StandardCharsets.UTF_8));
                  if (seen.indexOf("holding") >= 0) {
                    holding.countDown();
                  }
                })
            .build();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(() -> runtime.execute(request));
    try {
      assertThat(holding.await(60, TimeUnit.SECONDS)).as("the module holds the file").isTrue();
      Files.delete(held);
      mkfifo(held);
      setTimesWithoutOpening(held);
    } finally {
      Files.createFile(data.resolve("held.txt-go"));
    }
    ExecutionResult r = call.get(60, TimeUnit.SECONDS);

    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).isEqualTo("cannot touch the held file: Not supported\n");
    assertThat(Files.getLastModifiedTime(held, LinkOption.NOFOLLOW_LINKS)).isEqualTo(LONG_AGO);
    CallChecks.assertNothingLeftRunning(runtime, r);
  }

  /** Listing and stat do not open what they look at: a FIFO is seen, not refused. */
  @Test
  void aFifoIsStillListedAndStatted() throws Exception {
    ExecutionResult list =
        runAfter(runtime, this::makeFifos, UnaryOperator.identity(), "list", "/data");
    removeFifos();
    ExecutionResult stat =
        runAfter(runtime, this::makeFifos, UnaryOperator.identity(), "stat", "/data/p");

    assertThat(list.status()).as(list.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(afterWaiting(list).lines()).containsExactlyInAnyOrder("p", "ok.txt");
    assertThat(stat.status()).as(stat.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(afterWaiting(stat)).isEqualTo("size 0\n");
  }

  /**
   * The attack as it was performed: one call slot, calls that open a FIFO again and again, then a
   * benign call. Each open used to keep a worker thread for good; past the spare threads every
   * later call, the benign one too, was refused as if the runtime were closing.
   */
  @Test
  void manyCallsOpeningAFifoLeaveTheRuntimeUsable() throws Exception {
    try (WasmSkillRuntime one = oneSlot()) {
      List<String> hostile = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String[] command =
            i % 2 == 0 ? new String[] {"read", "/data/p"} : new String[] {"write", "/data/p", "x"};
        ExecutionResult r = runAfter(one, this::makeFifos, UnaryOperator.identity(), command);
        hostile.add(r.status() + " " + r.message() + " " + r.stderr().text().strip());
        removeFifos();
      }
      ExecutionResult benign = run(one, "read", "/data/ok.txt");

      assertThat(hostile)
          .allSatisfy(r -> assertThat(r).startsWith("FAILED").endsWith("Not supported"));
      assertThat(benign.status()).as(benign.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(benign.stdout().text()).isEqualTo("benign");
      assertThat(one.runningCalls()).isEmpty();
      assertThat(one.stuckCalls()).isEmpty();
    }
  }

  /**
   * The race: a host thread keeps swapping a FIFO (kept outside the grants) and a regular file at
   * one path (renames of hard links, so the FIFO is there every other instant) while the module
   * opens that path again and again. An open that saw the regular file and then met the FIFO waits
   * in {@code open(2)}; at the call's stop the runtime opens the FIFO's other end to let it go, so
   * the call ends like any other that timed out and its thread is free.
   */
  @Test
  void aFifoSwappedInAfterTheLookIsLetGoAtTheStop() throws Exception {
    Path fifo = data.resolveSibling("fifo");
    Path file = data.resolve("file");
    Path swapped = data.resolve("swapped");
    mkfifo(fifo);
    Files.writeString(file, "regular");
    Files.createLink(swapped, file);
    List<ExecutionResult> results = new ArrayList<>();
    try (WasmSkillRuntime one = oneSlot()) {
      one.preload(paths()); // compiling would count against the short timeout
      for (int i = 0; i < 4; i++) {
        AtomicBoolean swapping = new AtomicBoolean(true);
        Thread swapper = new Thread(() -> swap(swapping, swapped, fifo, file), "fifo-swapper");
        swapper.setDaemon(true);
        try {
          results.add(
              runAfter(
                  one,
                  swapper::start,
                  b -> b.limits(Limits.builder().timeout(Duration.ofSeconds(2)).build()),
                  "open-many",
                  "/data/swapped",
                  "100000000"));
        } finally {
          swapping.set(false);
          swapper.join(10_000);
        }
        assertThat(Files.isRegularFile(swapped, LinkOption.NOFOLLOW_LINKS)).isTrue();
      }
      ExecutionResult benign = run(one, "read", "/data/ok.txt");

      for (ExecutionResult r : results) {
        System.out.println("open-many during the swaps: " + r.status() + " " + r.message());
        // every call of 100 million opens ends at its timeout: when an open waits on the FIFO,
        // the stop lets it go; else the module is simply stopped between two opens
        assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(r.message()).doesNotContain("did not stop");
        assertThat(r.metadata()).doesNotContainKeys("stuck-in", "stuck-calls");
        CallChecks.assertNothingLeftRunning(one, r);
      }
      assertThat(one.stuckCalls()).isEmpty();
      assertThat(benign.status()).as(benign.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private interface HostAction {
    void run() throws Exception;
  }

  /**
   * Runs {@code paths after /ro/go COMMAND...}: once the module says it waits (the grants judged,
   * the call under way), does {@code meanwhile} on the host, then makes {@code /ro/go}.
   */
  private ExecutionResult runAfter(
      WasmSkillRuntime on,
      HostAction meanwhile,
      UnaryOperator<ExecutionRequest.Builder> more,
      String... command)
      throws Exception {
    Path go = readOnly.resolve("go");
    Files.deleteIfExists(go);
    List<String> args = new ArrayList<>(List.of("after", "/ro/go"));
    args.addAll(List.of(command));
    CountDownLatch waiting = new CountDownLatch(1);
    StringBuffer seen = new StringBuffer();
    ExecutionRequest request =
        more.apply(request(args.toArray(String[]::new)))
            .outputListener(
                (stream, chunk) -> {
                  seen.append(new String(chunk, StandardCharsets.UTF_8));
                  if (seen.indexOf(WAITING) >= 0) {
                    waiting.countDown();
                  }
                })
            .build();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(() -> on.execute(request));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!waiting.await(20, TimeUnit.MILLISECONDS)) {
        if (call.isDone() || System.nanoTime() > deadline) {
          ExecutionResult early = call.getNow(null);
          throw new AssertionError(
              "the module never waited for /ro/go: "
                  + (early == null ? "no result in 60 s" : early.status() + " " + early.message()));
        }
      }
      meanwhile.run();
    } finally {
      Files.createFile(go);
    }
    ExecutionResult r = call.get(60, TimeUnit.SECONDS);
    Files.delete(go);
    return r;
  }

  private static String afterWaiting(ExecutionResult r) {
    String out = r.stdout().text();
    assertThat(out).startsWith(WAITING);
    return out.substring(WAITING.length());
  }

  private void makeFifos() throws IOException {
    mkfifo(data.resolve("p"));
    mkfifo(readOnly.resolve("p"));
  }

  private void removeFifos() throws IOException {
    Files.delete(data.resolve("p"));
    Files.delete(readOnly.resolve("p"));
  }

  private static void swap(AtomicBoolean swapping, Path at, Path fifo, Path file) {
    Path next = at.resolveSibling("next");
    try {
      while (swapping.get()) {
        for (Path source : List.of(fifo, file)) {
          Files.createLink(next, source);
          Files.move(next, at, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private WasmSkillRuntime oneSlot() {
    return new WasmSkillRuntime(
        WasmRuntimeConfig.from(
            RuntimeConfig.of(
                Map.of("cache-dir", "none", "max-concurrent-calls", "1", "stop-grace", "1s"))));
  }

  private static ModuleSpec paths(String... args) {
    return new ModuleSpec(Fixtures.path("paths.wasm"), List.of(args), WasmMode.COMPILED);
  }

  private ExecutionResult run(WasmSkillRuntime on, String... args) {
    return on.execute(request(args).build());
  }

  private ExecutionRequest.Builder request(String... args) {
    return ExecutionRequest.builder("special", "tool", paths(args))
        .mount(new Mount(data, "/data", false))
        .mount(new Mount(readOnly, "/ro", true))
        .limits(Limits.builder().timeout(Duration.ofSeconds(10)).build());
  }

  private static void mkfifo(Path path) throws IOException {
    command("mkfifo", path.toString());
    assertThat(isFifo(path)).isTrue();
  }

  /**
   * Sets a FIFO's times to {@link #LONG_AGO} with {@code utimensat(2)}, which opens nothing (the
   * JDK's {@code Files.setLastModifiedTime} opens the file, and so waits on a FIFO).
   */
  private static void setTimesWithoutOpening(Path path) throws IOException {
    command("touch", "-h", "-d", "@" + LONG_AGO.toMillis() / 1000, path.toString());
    assertThat(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS)).isEqualTo(LONG_AGO);
  }

  private static void command(String... command) throws IOException {
    try {
      Process p = new ProcessBuilder(command).inheritIO().start();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s ended", List.of(command)).isTrue();
      assertThat(p.exitValue()).as("exit status of %s", List.of(command)).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static boolean isFifo(Path path) throws IOException {
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return (mode & 0170000) == 0010000;
  }
}
