package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a skill of the JVM's own user may do to the launch server that starts unsandboxed calls, and
 * what comes of it: its "kill 0" reaches its own call only; a socket removed, a server stopped or
 * killed is replaced, and the next call runs.
 */
class ServedCallAttackTests {

  private static ExecutionResult run(NativeSkillRuntime runtime, String script) {
    return runtime.execute(
        ExecutionRequest.builder("s", "t", NativeTestSupport.sh(SandboxMode.NONE, script))
            .limits(Limits.builder().timeout(Duration.ofSeconds(60)).build())
            .build());
  }

  /** This JVM's launch servers ({@code skillrt-launch --serve}). */
  static List<ProcessHandle> launchServers() {
    return ProcessHandle.current()
        .children()
        .filter(h -> h.info().arguments().map(a -> List.of(a).contains("--serve")).orElse(false))
        .toList();
  }

  private static ProcessHandle theServer(NativeSkillRuntime runtime) {
    assertThat(run(runtime, "true").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<ProcessHandle> servers = launchServers();
    Assumptions.assumeFalse(
        servers.isEmpty(), "NOTE: no launch server (no launcher in this build): test skipped");
    return servers.get(servers.size() - 1);
  }

  @Test
  void aSkillsKillZeroReachesItsOwnCallOnly() throws Exception {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      ProcessHandle server = theServer(runtime);
      CompletableFuture<ExecutionResult> other =
          CompletableFuture.supplyAsync(() -> run(runtime, "sleep 2; echo survived"));
      Thread.sleep(300);
      for (String signal : List.of("TERM", "KILL")) {
        run(runtime, "kill -" + signal + " 0; sleep 5");
      }
      ExecutionResult r = other.get(30, TimeUnit.SECONDS);
      assertThat(r.stdout().text()).as(r.message()).isEqualTo("survived\n");
      assertThat(server.isAlive()).as("the server").isTrue();
    }
  }

  @Test
  void aRemovedSocketIsReplacedByANewServer() throws Exception {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      ProcessHandle server = theServer(runtime);
      Path socket = socketOf(server).orElseThrow();
      Files.delete(socket);
      ExecutionResult r = run(runtime, "echo hi");
      assertThat(r.stdout().text()).as(r.message()).isEqualTo("hi\n");
      assertThat(launchServers()).doesNotContain(server);
    }
  }

  @Test
  void aStoppedServerIsReplacedAndTheCallRunsInTime() throws Exception {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      ProcessHandle server = theServer(runtime);
      Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(server.pid())).start();
      assertThat(stop.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      ExecutionResult r = run(runtime, "echo hi");
      assertThat(r.stdout().text()).as(r.message()).isEqualTo("hi\n");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(server.isAlive()).as("the stopped server is ended").isFalse();
    }
  }

  private static Optional<Path> socketOf(ProcessHandle server) {
    List<String> args = List.of(server.info().arguments().orElse(new String[0]));
    int at = args.indexOf("--serve");
    return at >= 0 && at + 1 < args.size()
        ? Optional.of(Path.of(args.get(at + 1)))
        : Optional.empty();
  }
}
