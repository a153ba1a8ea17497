package dev.skillrt.runtime.nativeproc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher serving this JVM ({@code skillrt-launch --serve}) seen from outside: a call's
 * streams, stdin and status; only this JVM is served; nothing of the server reaches a program; and
 * nothing outlives the server.
 */
class LaunchServerTests {

  @TempDir Path dir;
  private Path launcher = Path.of("/");
  private Path root = Path.of("/");
  private @Nullable LaunchServer server;

  @BeforeEach
  void start() throws IOException {
    Optional<Path> found = HostFacts.probe(NativeRuntimeConfig.defaults()).launcher();
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true: this build has no launcher (is gcc installed?)");
    }
    Assumptions.assumeTrue(found.isPresent(), "NOTE: no launcher in this build: test skipped");
    launcher = found.get();
    root = WorkingFolder.secureRoot(dir.resolve("work"));
    server = LaunchServer.start(launcher, root);
  }

  @AfterEach
  void stop() {
    LaunchServer s = server;
    if (s != null) {
      s.close();
    }
  }

  private LaunchServer server() {
    return Objects.requireNonNull(server);
  }

  private Process call(Map<String, String> env, byte @Nullable [] stdin, String script)
      throws IOException {
    return server()
        .launch(
            List.of(
                launcher.toString(),
                "--die-with-parent",
                Long.toString(ProcessHandle.current().pid()),
                "--pid-namespace",
                "--",
                "/bin/sh",
                "-c",
                script),
            env,
            dir,
            stdin);
  }

  private static String text(java.io.InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aCallGetsItsStdinFolderAndEnvironmentAndGivesBackItsStreamsAndStatus() throws Exception {
    Process p =
        call(
            Map.of("GREETING", "hello"),
            "from stdin\n".getBytes(StandardCharsets.UTF_8),
            "cat; echo \"$GREETING in $(pwd) as pid $$\"; echo oops >&2; exit 3");
    assertThat(text(p.getInputStream())).isEqualTo("from stdin\nhello in " + dir + " as pid 2\n");
    assertThat(text(p.getErrorStream())).isEqualTo("oops\n");
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
    assertThat(p.isAlive()).isFalse();
  }

  @Test
  void aSignalAndALauncherRefusalComeBackAsStatuses() throws Exception {
    Process killed = call(Map.of(), null, "kill -KILL $$");
    assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(killed.exitValue()).isEqualTo(128 + 9);
    Process refused =
        server()
            .launch(
                List.of(launcher.toString(), "--bogus", "--", "/bin/true"), Map.of(), dir, null);
    assertThat(text(refused.getErrorStream())).contains("unknown option --bogus");
    assertThat(refused.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).isEqualTo(125);
  }

  @Test
  void aProgramHoldsNothingButItsOwnStdio() throws Exception {
    // ls lists its own open files: stdin, stdout, stderr and the folder it reads
    Process p = call(Map.of(), null, "exec ls -l /proc/self/fd/");
    Map<String, String> open = new java.util.TreeMap<>();
    for (String line : text(p.getInputStream()).split("\n")) {
      int arrow = line.indexOf(" -> ");
      if (arrow > 0) {
        String head = line.substring(0, arrow);
        open.put(head.substring(head.lastIndexOf(' ') + 1), line.substring(arrow + 4));
      }
    }
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(open.keySet()).containsExactly("0", "1", "2", "3");
    assertThat(open.get("0")).startsWith("/memfd:");
    assertThat(open.get("1")).startsWith("pipe:");
    assertThat(open.get("2")).startsWith("pipe:");
    assertThat(open.get("3")).startsWith("/proc/");
  }

  @Test
  void aFolderThatCannotBeEnteredFailsTheStartWithTheReason() {
    assertThatThrownBy(
            () ->
                server()
                    .launch(
                        List.of(launcher.toString(), "--", "/bin/true"),
                        Map.of(),
                        dir.resolve("missing"),
                        null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aWorkRootLongerThanASocketAddressServesCalls() throws Exception {
    Path deep = dir.resolve("a-folder-name-of-fifty-characters-to-pass-the-limit");
    deep = deep.resolve(deep.getFileName()).resolve(deep.getFileName());
    assertThat(deep.toString().length()).isGreaterThan(108);
    try (LaunchServer other = LaunchServer.start(launcher, WorkingFolder.secureRoot(deep))) {
      Process p =
          other.launch(List.of(launcher.toString(), "--", "/bin/pwd"), Map.of(), deep, null);
      assertThat(text(p.getInputStream()).strip()).isEqualTo(deep.toString());
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
  }

  @Test
  void everySocketPathLengthAroundTheJdksLimitServesCalls() throws Exception {
    int name = ("serve-" + ProcessHandle.current().pid() + "-" + "0".repeat(12) + ".sock").length();
    for (int length = LaunchServer.MAX_SOCKET_PATH - 2;
        length <= LaunchServer.MAX_SOCKET_PATH + 3;
        length++) {
      Path base = dir.toAbsolutePath().resolve("len" + length);
      int pad = length - base.toString().length() - 1 - name - 1;
      Path folder = base.resolve("p".repeat(pad));
      try (LaunchServer other = LaunchServer.start(launcher, WorkingFolder.secureRoot(folder))) {
        Process p =
            other.launch(List.of(launcher.toString(), "--", "/bin/true"), Map.of(), dir, null);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("socket path of %d bytes", length).isTrue();
        assertThat(p.exitValue()).as("socket path of %d bytes", length).isZero();
      }
    }
  }

  @Test
  void aRelativeWorkRootAndFolderMeanWhatTheyMeanToTheJvm() throws Exception {
    Path relative = Path.of("target", "relative-work-root-" + System.nanoTime());
    try (LaunchServer other = LaunchServer.start(launcher, WorkingFolder.secureRoot(relative))) {
      Files.createDirectories(relative.resolve("call"));
      Process p =
          other.launch(
              List.of(launcher.toString(), "--", "/bin/pwd"),
              Map.of(),
              relative.resolve("call"),
              null);
      assertThat(text(p.getInputStream()).strip())
          .isEqualTo(relative.resolve("call").toAbsolutePath().toString());
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aSocketTakenOverByAnotherProcessIsFoundOut() throws Exception {
    Path socket = socketFile();
    Files.delete(socket);
    try (java.nio.channels.ServerSocketChannel impostor =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      impostor.bind(java.net.UnixDomainSocketAddress.of(socket));
      Thread answering =
          new Thread(
              () -> {
                try (java.nio.channels.SocketChannel c = impostor.accept()) {
                  java.nio.ByteBuffer lie = java.nio.ByteBuffer.allocate(44);
                  lie.putInt(32, (int) ProcessHandle.current().pid());
                  c.write(lie);
                  c.read(java.nio.ByteBuffer.allocate(4096));
                } catch (IOException e) {
                  // the JVM closed on it
                }
              });
      answering.start();
      assertThatThrownBy(() -> call(Map.of(), null, "echo hi"))
          .isInstanceOf(LaunchServer.ServerGone.class)
          .hasMessageContaining("not this JVM's launch server");
      answering.join(10_000);
    }
  }

  private Path socketFile() throws IOException {
    try (var files = Files.list(root)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".sock")).findFirst().get();
    }
  }

  @Test
  void theSocketIsTheJvmUsersAloneAndLeavesWithTheServer() throws Exception {
    List<Path> sockets;
    try (var files = Files.list(root)) {
      sockets = files.filter(f -> f.getFileName().toString().endsWith(".sock")).toList();
    }
    assertThat(sockets).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets.get(0))))
        .isEqualTo("rw-------");
    server().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Files.exists(sockets.get(0)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(sockets.get(0)).doesNotExist();
    server = null;
  }

  @Test
  void anotherProcessOfTheSameUserIsNotServed() throws Exception {
    Path socket;
    try (var files = Files.list(root)) {
      socket = files.filter(f -> f.getFileName().toString().endsWith(".sock")).findFirst().get();
    }
    Path marker = dir.resolve("created-by-a-stranger");
    Process stranger =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                ForeignClient.class.getName(),
                socket.toString(),
                launcher.toString(),
                marker.toString())
            .redirectErrorStream(true)
            .start();
    String said = text(stranger.getInputStream());
    assertThat(stranger.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(said.strip()).isEqualTo("closed");
    assertThat(marker).doesNotExist();
    // and the server still serves this JVM
    Process p = call(Map.of(), null, "echo still here");
    assertThat(text(p.getInputStream())).isEqualTo("still here\n");
  }

  @Test
  void everyProcessOfACallEndsWithTheServer() throws Exception {
    Process p = call(Map.of(), null, "sleep 300 & sleep 300 & echo started; wait");
    byte[] started = p.getInputStream().readNBytes(8);
    assertThat(new String(started, StandardCharsets.UTF_8)).isEqualTo("started\n");
    List<ProcessHandle> tree = p.toHandle().descendants().collect(Collectors.toList());
    assertThat(tree).hasSizeGreaterThanOrEqualTo(3);
    server().close();
    server = null;
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(tree).noneMatch(ProcessHandle::isAlive);
  }
}
