package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.processesWithEnv;
import static dev.skillrt.runtime.nativeproc.NativeTestSupport.sh;
import static dev.skillrt.runtime.nativeproc.NativeTestSupport.stillThere;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the bubblewrap sandbox really takes away: the network (unless granted), writes outside the
 * working folder and writable mounts, the host's processes, and unbounded forking. The JVM runs as
 * root in CI, so these also prove root does not leak into the sandbox.
 */
class SandboxTests {

  private static NativeSkillRuntime runtime;

  @BeforeAll
  static void start() {
    NativeTestSupport.requireSandbox();
    runtime = NativeTestSupport.runtime();
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private static ExecutionResult run(ExecutionRequest.Builder request) {
    return runtime.execute(request.build());
  }

  private static ExecutionRequest.Builder request(CommandSpec spec) {
    return ExecutionRequest.builder("s", "t", spec);
  }

  private static CommandSpec bash(String script, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("-c", script, "bash"));
    argv.addAll(List.of(args));
    return new CommandSpec("bash", argv, List.of("bash"), List.of(), SandboxMode.BWRAP);
  }

  @Test
  void withoutNetworkAccessTheSkillCannotReachEvenTheHostsLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(300);
      String port = Integer.toString(server.getLocalPort());
      String script =
          "if echo hi > /dev/tcp/127.0.0.1/$1; then echo connected; else echo refused; fi;"
              + " grep -c : /proc/net/dev";

      ExecutionResult denied = run(request(bash(script, port)));
      assertThat(denied.status()).as(denied.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(denied.metadata())
          .containsEntry("sandbox", "bwrap")
          .containsEntry("network", "none");
      String[] lines = denied.stdout().text().split("\n");
      assertThat(lines[0]).isEqualTo("refused");
      assertThat(lines[1]).as("only the loopback interface exists").isEqualTo("1");
      assertThat(accepted(server)).isFalse();

      // the control: the same skill with network access does reach the host
      ExecutionResult granted = run(request(bash(script, port)).networkAllowed(true));
      assertThat(granted.stdout().text()).startsWith("connected");
      assertThat(granted.metadata()).containsEntry("network", "allowed");
      assertThat(accepted(server)).isTrue();
    }
  }

  private static boolean accepted(ServerSocket server) throws Exception {
    try (Socket s = server.accept()) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void theSkillCannotWriteOutsideItsFolderAndItsWritableMounts(@TempDir Path host)
      throws Exception {
    // the sandbox user is not root: granted folders must be reachable for it
    Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path readOnly = Files.createDirectory(host.resolve("ro"));
    Path writable = Files.createDirectory(host.resolve("rw"));
    Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path hostOnly = Files.createDirectory(host.resolve("not-granted"));
    String script =
        "for target in \"$1/escaped\" \"$2/escaped\" /usr/escaped /etc/escaped /escaped"
            + " ../escaped /tmp/../escaped \"$3/granted\" inside; do"
            + "  if (echo x > \"$target\") 2>/dev/null; then echo \"wrote $target\";"
            + "  else echo \"refused $target\"; fi; done";
    ExecutionResult r =
        run(
            request(
                    sh(
                        SandboxMode.BWRAP,
                        script,
                        hostOnly.toString(),
                        readOnly.toString(),
                        writable.toString()))
                .mount(Mount.readOnly(readOnly))
                .mount(Mount.readWrite(writable)));
    assertThat(r.status()).as(r.message() + r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String out = r.stdout().text();
    assertThat(out)
        .contains("refused " + hostOnly + "/escaped")
        .contains("refused " + readOnly + "/escaped")
        .contains("refused /usr/escaped")
        .contains("refused /etc/escaped")
        .contains("refused /escaped")
        .contains("refused /tmp/../escaped")
        .contains("wrote " + writable + "/granted")
        .contains("wrote inside");
    assertThat(hostOnly.resolve("escaped")).doesNotExist();
    assertThat(readOnly.resolve("escaped")).doesNotExist();
    assertThat(Path.of("/usr/escaped")).doesNotExist();
    assertThat(Path.of("/etc/escaped")).doesNotExist();
    assertThat(Path.of("/escaped")).doesNotExist();
    assertThat(Path.of(System.getProperty("java.io.tmpdir"), "skillrt-native", "escaped"))
        .as("../ lands in the sandbox's private /tmp, not on the host")
        .doesNotExist();
    assertThat(writable.resolve("granted")).exists();
  }

  @Test
  void theSkillSeesOnlyItsOwnPidNamespaceAndNoHostSecrets() {
    long jvm = ProcessHandle.current().pid();
    ExecutionResult r =
        run(
            request(
                sh(
                    SandboxMode.BWRAP,
                    "echo $$; ls /proc | grep -c '^[0-9]'; [ -e /proc/$1 ] && echo sees-jvm || echo no-jvm;"
                        + " cat /etc/shadow >/dev/null 2>&1 && echo read-shadow || echo no-shadow; id -u",
                    Long.toString(jvm))));
    assertThat(r.status()).as(r.message() + r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String[] lines = r.stdout().text().split("\n");
    assertThat(Integer.parseInt(lines[0])).as("the skill's own pid").isLessThanOrEqualTo(3);
    assertThat(Integer.parseInt(lines[1].strip())).as("processes it can see").isLessThan(8);
    assertThat(lines[2]).isEqualTo("no-jvm");
    assertThat(lines[3]).isEqualTo("no-shadow");
    if (NativeTestSupport.runningAsRoot()) {
      assertThat(lines[4]).as("root never reaches the skill").isNotEqualTo("0");
    }
  }

  @Test
  void aForkBombIsContainedByThePidsLimit() throws Exception {
    int limit = 30;
    ExecutionResult[] result = new ExecutionResult[1];
    int contained = peakProcesses(limit, 7, result);
    assertThat(result[0].stderr().text()).as("the shells were refused forks").contains("fork");
    int uncontained = peakProcesses(1000, 6, result);
    assertThat(result[0].status())
        .as("the loose run's leaves sleep past the timeout")
        .isEqualTo(ExecutionStatus.TIMED_OUT);
    System.out.printf(
        "fork tree: peak %d processes under pids=%d, %d under pids=1000%n",
        contained, limit, uncontained);
    assertThat(contained).as("peak processes under pids=%d", limit).isLessThanOrEqualTo(limit + 1);
    assertThat(uncontained)
        .as("the same tree without a tight limit grows past it")
        .isGreaterThan(limit + 1);
  }

  /**
   * tmpfs pages are not counted by the memory limit: a skill limited to 64m must not park gigabytes
   * in {@code /dev/shm} (or anywhere under {@code /dev}). Both are bounded by the sandbox's tmpfs
   * size, and the rest of {@code /dev} is read-only.
   */
  @Test
  void sharedMemoryAndDevAreBounded() {
    try (NativeSkillRuntime small = NativeTestSupport.runtime(Map.of("sandbox-tmp-size", "8m"))) {
      ExecutionResult r =
          small.execute(
              request(
                      sh(
                          SandboxMode.BWRAP,
                          "dd if=/dev/zero of=/dev/shm/fill bs=1M count=200 2>/dev/null;"
                              + " echo shm=$(du -k /dev/shm/fill | cut -f1);"
                              + " if (echo x > /dev/planted) 2>/dev/null; then echo wrote-dev;"
                              + " else echo refused-dev; fi"))
                  .limits(Limits.builder().memory(DataSize.ofMebibytes(64)).build())
                  .build());
      assertThat(r.status())
          .as(r.message() + r.stderr().text())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      String out = r.stdout().text();
      assertThat(out).contains("refused-dev");
      int kib = Integer.parseInt(out.substring(out.indexOf("shm=") + 4, out.indexOf('\n')).trim());
      assertThat(kib).as("KiB held in /dev/shm").isLessThanOrEqualTo(8 * 1024);
    }
  }

  /** A sandboxed call that sets no process limit still has one: the runtime's default-pids. */
  @Test
  void aCallWithoutAProcessLimitGetsTheDefaultOne() {
    ExecutionResult r = run(request(bash("ulimit -u")));
    assertThat(r.status()).as(r.message() + r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text().trim()).isEqualTo("256");
  }

  /** Runs the fork tree under a pids limit; returns the most processes seen at once. */
  private static int peakProcesses(int pids, int depth, ExecutionResult[] result) throws Exception {
    String mark = UUID.randomUUID().toString();
    ExecutionRequest request =
        request(
                NativeTestSupport.fixture(
                    SandboxMode.BWRAP, "fork-tree.sh", Integer.toString(depth)))
            .mount(NativeTestSupport.fixturesMount())
            .env("SKILLRT_BOMB_MARK", mark)
            .limits(Limits.builder().processes(pids).timeout(Duration.ofSeconds(4)).build())
            .build();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(() -> runtime.execute(request));
    AtomicInteger peak = new AtomicInteger();
    Map<Long, Long> everSeen = new HashMap<>();
    while (!call.isDone()) {
      Map<Long, Long> now = processesWithEnv("SKILLRT_BOMB_MARK", mark);
      everSeen.putAll(now);
      peak.accumulateAndGet(now.size(), Math::max);
      Thread.sleep(50);
    }
    ExecutionResult r = call.get(30, TimeUnit.SECONDS);
    // contained, the tree may end early (its shells give up) or time out: either way nothing stays
    assertThat(r.status()).as(r.message()).isNotEqualTo(ExecutionStatus.DENIED);
    assertThat(stillThere(everSeen)).as("left behind").isEmpty();
    result[0] = r;
    return peak.get();
  }
}
