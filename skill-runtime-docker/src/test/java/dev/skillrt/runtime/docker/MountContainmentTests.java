package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.Violation;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on what a container is given from the host, against a real engine: the engine's socket
 * under an innocent name, and a granted folder swapped for a symbolic link while containers start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MountContainmentTests {

  private static final Path ENGINE_SOCKET = Path.of("/run/skillrt-docker.sock");

  private DockerSkillRuntime runtime;

  @BeforeAll
  void start() {
    runtime = DockerTestEngine.runtime();
  }

  @AfterAll
  void stop() {
    DockerTestEngine.closeQuietly(runtime);
  }

  private ExecutionResult run(String script, Mount mount) {
    return runtime.execute(
        ExecutionRequest.builder(
                "s",
                "t",
                ContainerSpec.builder(DockerTestEngine.IMAGE)
                    .command(List.of("sh", "-c", script))
                    .build())
            .mount(mount)
            .limits(Limits.builder().timeout(Duration.ofSeconds(30)).build())
            .build());
  }

  /**
   * A hard link to the engine socket named {@code api} in a project folder: judged by name it is an
   * ordinary file, and a container given it could drive the engine. It is a socket.
   */
  @Test
  void theEngineSocketUnderAnInnocentNameIsNeverMounted(@TempDir Path dir) throws IOException {
    Path project = Files.createDirectory(dir.resolve("project"));
    Path api = project.resolve("api");
    ServerSocketChannel own = null;
    try {
      Files.createLink(api, ENGINE_SOCKET);
    } catch (FileSystemException | UnsupportedOperationException e) {
      // another file system (or no such socket here): a socket of our own stands in for it
      own = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      own.bind(UnixDomainSocketAddress.of(api));
    }
    try {
      ExecutionResult r = run("ls -l /project", new Mount(project, "/project", true));
      assertThat(r.status()).as(r.stdout().text()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations()).extracting(Violation::ruleId).contains("docker.mounts.socket");
      assertThat(r.violations().get(0).message()).contains("unix socket");
    } finally {
      if (own != null) {
        own.close();
      }
    }
  }

  /**
   * Another process swaps a granted folder with a symbolic link to the host's {@code /etc}
   * (renameat2 exchange in a loop) while containers are created and started. Docker resolves the
   * path when it starts the container, after every check, so a folder whose parent anyone but root
   * or the JVM's user can change is refused: what is bound is what was judged.
   */
  @Test
  void aFolderSwappedForALinkWhileContainersStartIsNeverBound(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
        "the racer's folder is handed to another user, which only root can do");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path base = Files.createDirectory(dir.resolve("base"));
    Path inner = Files.createDirectory(base.resolve("inner"));
    Files.writeString(inner.resolve("granted.txt"), "only this");
    Files.setAttribute(base, "unix:uid", 65534); // a skill's user may write the parent
    String renameat2 = System.getProperty("os.arch").equals("aarch64") ? "276" : "316";
    Process racer =
        new ProcessBuilder(
                "perl",
                "-e",
                "my $n = shift; my ($a, $b) = ('inner', 'swap'); chdir shift or die;"
                    + " symlink('/etc', $b) or die; while (1) {"
                    + " syscall($n, -100, $a, -100, $b, 2); select(undef, undef, undef, 0.004);"
                    + " syscall($n, -100, $a, -100, $b, 2); select(undef, undef, undef, 0.008) }",
                renameat2,
                base.toString())
            .redirectErrorStream(true)
            .start();
    // (without the check of parent folders, about one container in six lists the host's /etc)
    List<String> escapes = new ArrayList<>();
    List<ExecutionResult> results = new ArrayList<>();
    try {
      Thread.sleep(200);
      assertThat(racer.isAlive()).as("the racer runs").isTrue();
      for (int i = 0; i < 45; i++) {
        ExecutionResult r = run("ls /data", new Mount(inner, "/data", true));
        results.add(r);
        if (r.stdout().text().contains("passwd")) {
          escapes.add(r.stdout().text());
        }
      }
    } finally {
      racer.destroyForcibly();
      racer.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(escapes).as("containers that were given the host's /etc").isEmpty();
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
              assertThat(r.violations())
                  .extracting(Violation::ruleId)
                  .containsAnyOf("docker.mounts.unstable-parent", "docker.mounts.system");
            });
  }
}
