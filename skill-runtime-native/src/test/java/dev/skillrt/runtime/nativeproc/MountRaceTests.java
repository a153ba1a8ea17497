package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A concurrent skill that may write the parent of another skill's granted folder swaps that folder
 * for a symbolic link to the host's root in a loop, while the other skill is started again and
 * again. Binding the path as written (or a path judged earlier) would now and then hand the second
 * skill the host's {@code /}; a folder whose parent a skill can change is refused instead.
 */
class MountRaceTests {

  private static NativeSkillRuntime runtime;

  @BeforeAll
  static void start() {
    NativeTestSupport.requireSandbox();
    Assumptions.assumeTrue(
        NativeTestSupport.runningAsRoot(),
        "the racer runs as the sandbox user, which only root can hand a folder to");
    runtime = NativeTestSupport.runtime();
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private static boolean sawFolder(List<ExecutionResult> results) {
    return results.stream()
        .anyMatch(
            r ->
                !r.violations().isEmpty()
                    && r.violations().get(0).message().contains("belongs to uid 65534"));
  }

  /** Swaps {@code inner} and a link {@code swap -> /} atomically, over and over (renameat2). */
  private static final String EXCHANGE_LOOP =
      "my $n = shift; my ($a, $b) = ('inner', 'swap'); chdir '/base' or die;"
          + " symlink('/', $b) or die; while (1) { syscall($n, -100, $a, -100, $b, 2) }";

  @Test
  void aFolderAConcurrentSkillCanSwapIsNeverBound(@TempDir Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path base = Files.createDirectory(dir.resolve("base"));
    Path inner = Files.createDirectory(base.resolve("inner"));
    Files.writeString(inner.resolve("granted.txt"), "only this");
    for (Path p : List.of(base, inner, inner.resolve("granted.txt"))) {
      Files.setAttribute(p, "unix:uid", 65534);
      Files.setAttribute(p, "unix:gid", 65534);
    }
    Cancellation stopRacer = Cancellation.create();
    CompletableFuture<ExecutionResult> racer =
        CompletableFuture.supplyAsync(
            () ->
                runtime.execute(
                    ExecutionRequest.builder(
                            "racer",
                            "swap",
                            new CommandSpec(
                                "/usr/bin/perl",
                                List.of("-e", EXCHANGE_LOOP, NativeTestSupport.renameat2()),
                                List.of("perl"),
                                List.of(),
                                SandboxMode.BWRAP))
                        .mount(new Mount(base, "/base", false))
                        .limits(Limits.builder().timeout(Duration.ofSeconds(60)).build())
                        .cancellation(stopRacer)
                        .build()));
    // (without the check of parent folders, some calls of this loop list the host's root)
    List<String> escapes = new ArrayList<>();
    List<ExecutionResult> results = new ArrayList<>();
    try {
      Thread.sleep(300); // let the racer get going
      // at least 40 calls, and on until one has met the folder itself (not the link): which of
      // the two a check meets is the racer's timing, which a loaded machine shifts
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int i = 0;
          i < 40 || (!sawFolder(results) && i < 400 && System.nanoTime() < until);
          i++) {
        ExecutionResult r =
            runtime.execute(
                ExecutionRequest.builder("victim", "list", sh(SandboxMode.BWRAP, "ls /data"))
                    .mount(new Mount(inner, "/data", true))
                    .build());
        results.add(r);
        if (r.stdout().text().contains("usr") || r.stdout().text().contains("proc")) {
          escapes.add(r.stdout().text());
        }
      }
    } finally {
      stopRacer.cancel();
      ExecutionResult raced = racer.get(20, TimeUnit.SECONDS);
      assertThat(raced.status())
          .as("the racer ran until it was stopped: " + raced.message() + raced.stderr().text())
          .isEqualTo(ExecutionStatus.CANCELLED);
    }
    assertThat(escapes).as("calls that were handed the host's root").isEmpty();
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
              assertThat(r.violations())
                  .extracting(Violation::ruleId)
                  .containsOnly("native.mounts");
            });
    // when the check sees the folder (not the link), it refuses it for where it lies
    assertThat(results)
        .anySatisfy(
            r ->
                assertThat(r.violations().get(0).message())
                    .contains("belongs to uid 65534")
                    .contains("symbolic link"));
  }
}
