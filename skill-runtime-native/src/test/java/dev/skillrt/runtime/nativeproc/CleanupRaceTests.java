package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.StreamKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * The JVM removes a call's folder when the call ends. A process running as the sandbox user (the
 * skill's own user, so another skill or any daemon running as {@code nobody}) can enter that folder
 * and, while the JVM removes it, swap a folder in it for a link to a folder of root's: removing by
 * path would then delete root's files. Removal never follows a link.
 */
class CleanupRaceTests {

  private static NativeSkillRuntime runtime;

  @BeforeAll
  static void start() {
    NativeTestSupport.requireSandbox();
    Assumptions.assumeTrue(
        NativeTestSupport.runningAsRoot(),
        "the racer runs as the sandbox user, which only a root JVM hands call folders to");
    runtime = NativeTestSupport.runtime();
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  /**
   * Swaps {@code d0} and {@code lnk} in the call's folder (renameat2 exchange) until it is gone.
   */
  private static final String EXCHANGE_LOOP =
      "my ($n, $dir) = @ARGV; my ($a, $b) = ('d0', 'lnk'); chdir $dir or exit 0;"
          + " while (-d '.') { syscall($n, -100, $a, -100, $b, 2) }";

  @Test
  void removingACallsFolderNeverFollowsALinkSwappedIn(@TempDir Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path victim = Files.createDirectory(dir.resolve("victim"));
    for (int i = 0; i < 50; i++) {
      Files.writeString(victim.resolve("f" + i), "root's file " + i);
    }
    String renameat2 = NativeTestSupport.renameat2();
    String script =
        "mkdir d0 && for i in $(seq 0 49); do : > d0/f$i; done; ln -s \"$1\" lnk;"
            + " echo \"$PWD\"; sleep 1";
    for (int round = 0; round < 8; round++) {
      CompletableFuture<Path> folder = new CompletableFuture<>();
      List<Process> racers = new ArrayList<>();
      ExecutionResult r;
      try {
        r =
            runtime.execute(
                ExecutionRequest.builder("s", "t", sh(SandboxMode.BWRAP, script, victim.toString()))
                    .outputListener(
                        (stream, chunk) -> {
                          if (stream == StreamKind.STDOUT && !folder.isDone()) {
                            Path called = Path.of(new String(chunk, StandardCharsets.UTF_8).trim());
                            folder.complete(called);
                            try {
                              racers.add(
                                  new ProcessBuilder(
                                          "setpriv",
                                          "--reuid=65534",
                                          "--regid=65534",
                                          "--clear-groups",
                                          "--",
                                          "perl",
                                          "-e",
                                          EXCHANGE_LOOP,
                                          renameat2,
                                          called.toString())
                                      .redirectErrorStream(true)
                                      .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                      .start());
                            } catch (java.io.IOException e) {
                              throw new java.io.UncheckedIOException(e);
                            }
                          }
                        })
                    .build());
      } finally {
        for (Process racer : racers) {
          racer.waitFor(5, TimeUnit.SECONDS);
          racer.destroyForcibly();
        }
      }
      assertThat(r.status())
          .as(r.message() + r.stderr().text())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(racers).as("the racer ran").hasSize(1);
      try (var files = Files.list(victim)) {
        assertThat(files.count()).as("root's files left after round " + round).isEqualTo(50);
      }
    }
  }
}
