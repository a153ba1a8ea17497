package dev.skillrt.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.spi.HostPathPolicy.Reason;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared judgement of host paths, on real files, sockets, links and owners. */
class HostPathPolicyTests {

  private static final HostPathPolicy STRICT = HostPathPolicy.strict();
  private static final HostPathPolicy SANDBOX = STRICT.allowingSystemFoldersReadOnly();

  @TempDir Path temp;

  private static Optional<Reason> reason(HostPathPolicy policy, Path path, boolean readOnly) {
    return policy.judge(path, readOnly).map(HostPathPolicy.Refusal::reason);
  }

  private static boolean root() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
  }

  @ParameterizedTest(name = "{0} read-only={1}: strict {2}, sandbox {3}")
  @CsvSource({
    "/,                       true,  SYSTEM, SYSTEM",
    "/etc,                    true,  SYSTEM, ",
    "/etc,                    false, SYSTEM, SYSTEM",
    "/usr/lib,                true,  SYSTEM, ",
    "/var,                    false, SYSTEM, SYSTEM",
    "/var/lib/docker,         true,  SYSTEM, SYSTEM",
    "/usr/../var/lib/docker,  true,  SYSTEM, SYSTEM",
    "/run/containerd,         true,  SYSTEM, SYSTEM",
    "/proc,                   true,  SYSTEM, SYSTEM",
    "/sys/fs/cgroup,          true,  SYSTEM, SYSTEM",
    "/dev/shm,                true,  SYSTEM, SYSTEM",
    "/run/user/1000,          true,  SYSTEM, SYSTEM",
    "/var/run/dbus,           true,  SYSTEM, SYSTEM",
    "/var/run/docker.sock,    true,  SYSTEM, SYSTEM",
    "/home,                   true,  HOME,   HOME",
    "/root,                   true,  HOME,   HOME",
    "/tmp,                    false, BROAD_ROOT, BROAD_ROOT",
    "/srv,                    true,  BROAD_ROOT, BROAD_ROOT",
  })
  void hostPathsNoSkillGets(String path, boolean readOnly, String strict, String sandbox) {
    assertThat(reason(STRICT, Path.of(path), readOnly).map(Enum::name))
        .as("strict")
        .isEqualTo(Optional.ofNullable(strict));
    assertThat(reason(SANDBOX, Path.of(path), readOnly).map(Enum::name))
        .as("sandbox")
        .isEqualTo(Optional.ofNullable(sandbox));
  }

  @Test
  void aProjectFolderIsGranted() throws IOException {
    Path project = temp.resolve("project");
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/main.c"), "int main() {}");
    assertThat(STRICT.judge(project, false)).isEmpty();
    assertThat(STRICT.resolve(project, false).realPath()).isEqualTo(project.toRealPath());
  }

  /** A socket under an innocent name, or a hard link to one, is still a socket. */
  @Test
  void aSocketIsRefusedByWhatItIsNotByItsName() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("granted/deeper"));
    Path api = folder.resolve("api");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(api));
      assertThat(reason(STRICT, api, true)).contains(Reason.SOCKET);
      assertThat(reason(STRICT, temp.resolve("granted"), true)).contains(Reason.SOCKET);
      assertThat(STRICT.judge(temp.resolve("granted"), true).orElseThrow().message())
          .contains(api.toString())
          .contains("unix socket");
      Path other = Files.createDirectories(temp.resolve("other"));
      Files.createLink(other.resolve("notes.txt"), api);
      assertThat(reason(SANDBOX, other, true)).contains(Reason.SOCKET);
    }
  }

  @Test
  void aHardLinkToAHostCredentialIsRefused() throws IOException {
    Assumptions.assumeTrue(root(), "only root may link /etc/shadow");
    Path folder = Files.createDirectories(temp.resolve("granted"));
    try {
      Files.createLink(folder.resolve("notes.txt"), Path.of("/etc/shadow"));
    } catch (FileSystemException e) {
      Assumptions.abort("/etc and " + temp + " are on different file systems: " + e.getMessage());
    }
    assertThat(STRICT.judge(folder, true))
        .hasValueSatisfying(
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.CREDENTIALS);
              assertThat(r.message()).contains("hard link to the credential /etc/shadow");
            });
  }

  @Test
  void aDeviceIsRefused() throws Exception {
    Assumptions.assumeTrue(root(), "only root may make a device node");
    Path folder = Files.createDirectories(temp.resolve("granted"));
    Process mknod =
        new ProcessBuilder("mknod", folder.resolve("disk").toString(), "c", "1", "3").start();
    assertThat(mknod.waitFor()).isZero();
    assertThat(reason(STRICT, folder, true)).contains(Reason.DEVICE);
  }

  @Test
  void credentialsAreFoundByNameAtAnyDepthWithinTheBound() throws IOException {
    Files.createDirectories(temp.resolve("a/b/c/.aws"));
    assertThat(reason(STRICT, temp.resolve("a"), true)).contains(Reason.CREDENTIALS);
    Files.createDirectories(temp.resolve("deep/1/2/3/4/5/6/7"));
    assertThat(reason(STRICT, temp.resolve("deep"), true)).contains(Reason.TOO_LARGE);
  }

  /**
   * A folder whose parent someone else can write may be swapped for a symbolic link between the
   * check and the mount.
   */
  @Test
  void aFolderInAParentOthersMayWriteIsRefused() throws IOException {
    Path open = Files.createDirectories(temp.resolve("open"));
    Path inner = Files.createDirectories(open.resolve("inner"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(STRICT.judge(inner, true))
        .hasValueSatisfying(
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.UNSTABLE_PARENT);
              assertThat(r.message())
                  .contains(open.toString())
                  .contains("mode 777")
                  .contains("symbolic link");
            });
    // the folder itself may be writable by others: its parent is what matters
    assertThat(STRICT.judge(open, false)).isEmpty();

    Files.setAttribute(open, "unix:mode", 01777);
    assertThat(STRICT.judge(inner, true)).as("sticky, and inner is ours").isEmpty();
  }

  @Test
  void aFolderUnderAnotherUsersFolderIsRefused() throws IOException {
    Assumptions.assumeTrue(root(), "only root may hand a folder to another user");
    Path theirs = Files.createDirectories(temp.resolve("theirs"));
    Path inner = Files.createDirectories(theirs.resolve("inner"));
    Files.setAttribute(theirs, "unix:uid", 65534);
    assertThat(STRICT.judge(inner, true))
        .hasValueSatisfying(
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.UNSTABLE_PARENT);
              assertThat(r.message()).contains("belongs to uid 65534");
            });

    Path shared = Files.createDirectories(temp.resolve("shared"));
    Files.setAttribute(shared, "unix:mode", 01777);
    Path planted = Files.createDirectories(shared.resolve("planted/inner"));
    Files.setAttribute(planted.getParent(), "unix:uid", 65534);
    assertThat(reason(STRICT, planted, true)).contains(Reason.UNSTABLE_PARENT);
  }

  @Test
  void theRealPathIsWhatIsJudged() throws IOException {
    Path link = Files.createSymbolicLink(temp.resolve("link"), Path.of("/etc"));
    assertThat(reason(STRICT, link, true)).contains(Reason.SYSTEM);
    HostPathPolicy.Resolution r = SANDBOX.resolve(link, true);
    assertThat(r.realPath()).isEqualTo(Path.of("/etc"));
    assertThat(r.refusal()).isEmpty();
    assertThat(reason(SANDBOX, link, false)).contains(Reason.SYSTEM);
  }

  @Test
  void aMissingPathIsJudgedWhenTheCallRuns() {
    assertThat(reason(STRICT, temp.resolve("later"), true)).contains(Reason.MISSING);
    assertThat(Reason.MISSING.judgedWhenRun()).isTrue();
    assertThat(Reason.SOCKET.judgedWhenRun()).isFalse();
    assertThat(Reason.UNSTABLE_PARENT.suffix()).isEqualTo("unstable-parent");
  }

  @Test
  void foldersTheBackendDeniesAndItsEngineSocketAreRefused() throws IOException {
    Path denied = Files.createDirectories(temp.resolve("secrets"));
    Path socket = temp.resolve("engine/api.sock");
    HostPathPolicy policy = STRICT.denying(java.util.List.of(denied)).withEngineSocket(socket);
    assertThat(reason(policy, denied.resolve("x"), true)).contains(Reason.SYSTEM);
    assertThat(reason(policy, temp.resolve("engine"), true)).contains(Reason.SOCKET);
  }

  /** A folder the JVM keeps for itself (a cache of code it runs) is granted to no skill. */
  @Test
  void aFolderTheJvmKeepsForItselfIsRefusedAndSoIsAnyFolderHoldingIt() throws IOException {
    Path cache =
        PrivateFolder.secure(
            temp.resolve("xdg/skillrt/wasm"),
            PosixFilePermissions.fromString("rwx------"),
            "the cache");
    assertThat(reason(SANDBOX, cache, true)).contains(Reason.PRIVATE);
    assertThat(reason(SANDBOX, cache.resolve("chicory/entry.bin"), true)).contains(Reason.PRIVATE);
    assertThat(STRICT.judge(temp.resolve("xdg"), false))
        .hasValueSatisfying(r -> assertThat(r.message()).contains("holds " + cache));
    Path audit = temp.resolve("logs/audit.jsonl");
    PrivateFolder.keep(audit);
    assertThat(reason(STRICT, temp.resolve("logs"), true)).contains(Reason.PRIVATE);
  }

  @Test
  void aNamedPipeIsRefusedAndAnOwnTreeHasNoOtherWriters() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("piped"));
    Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("p").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThat(reason(STRICT, folder, true)).contains(Reason.DEVICE);

    Path tree = Files.createDirectories(temp.resolve("tree/open"));
    Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(reason(STRICT, temp.resolve("tree"), true)).as("others may write inside").isEmpty();
    assertThat(reason(STRICT.requiringOwnTree(), temp.resolve("tree"), true))
        .contains(Reason.SHARED);
  }
}
