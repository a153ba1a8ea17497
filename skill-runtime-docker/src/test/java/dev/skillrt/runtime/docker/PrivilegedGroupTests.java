package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A skill may not run in a group that owns the engine socket: with a hard link to that socket in a
 * mounted folder, such a container could drive the engine and start a root container with the
 * host's / bound. The engine socket here is a pass-through socket in front of the test engine,
 * owned by a group of the test's own, so the real socket's group is never touched.
 */
class PrivilegedGroupTests {

  /** A gid no host group needs; it owns the test's engine socket. */
  private static final int SOCKET_GID = 48611;

  @TempDir Path temp;
  private EngineSocketProxy proxy;
  private DockerSkillRuntime runtime;
  private Path project;

  @BeforeEach
  void startAnEngineSocketOwnedByATestGroup() throws Exception {
    Path engine = DockerTestEngine.engineSocket();
    Path sockets = Files.createDirectories(temp.resolve("sockets"));
    proxy = EngineSocketProxy.start(sockets.resolve("engine.sock"), engine);
    GroupPrincipal group =
        proxy
            .socket()
            .getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByGroupName(Integer.toString(SOCKET_GID));
    Files.getFileAttributeView(proxy.socket(), PosixFileAttributeView.class).setGroup(group);
    Files.setPosixFilePermissions(proxy.socket(), PosixFilePermissions.fromString("rw-rw----"));
    runtime =
        (DockerSkillRuntime)
            new DockerSkillRuntimeProvider()
                .create(
                    RuntimeConfig.of(
                        Map.of("host", "unix://" + proxy.socket(), "cleanup-on-start", "false")));
    project = Files.createDirectories(temp.resolve("project"));
    Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxr-xr-x"));
    // the attack: a hard link to the engine socket, under a name no socket pattern knows
    Files.createLink(project.resolve("engine-link"), proxy.socket());
  }

  @AfterEach
  void stop() throws Exception {
    DockerTestEngine.closeQuietly(runtime);
    if (proxy != null) {
      proxy.close();
    }
  }

  private ExecutionResult run(ContainerSpec.Builder spec) {
    return runtime.execute(
        ExecutionRequest.builder("socket-group", "probe", spec.build())
            .mount(new Mount(project, "/work", true))
            .limits(Limits.builder().timeout(Duration.ofSeconds(60)).build())
            .build());
  }

  /**
   * The same call without the folder: a socket is never mounted whatever the group (see {@code
   * MountContainmentTests}), so the groups a container gets are checked on their own.
   */
  private ExecutionResult runWithoutTheFolder(ContainerSpec.Builder spec) {
    return runtime.execute(
        ExecutionRequest.builder("socket-group", "probe", spec.build())
            .limits(Limits.builder().timeout(Duration.ofSeconds(60)).build())
            .build());
  }

  private static ContainerSpec.Builder probe() {
    return ContainerSpec.builder(DockerTestEngine.IMAGE)
        .command(
            List.of(
                "sh",
                "-c",
                "id; if [ -w /work/engine-link ]; then echo engine-reachable; else echo engine-out-of-reach; fi"));
  }

  @Test
  void theGroupOwningTheEngineSocketIsRefusedAsThePrimaryGroup() {
    ExecutionResult r = run(probe().user("65534:" + SOCKET_GID));

    assertThat(r.stdout().text()).as("nothing ran").doesNotContain("engine-reachable");
    assertThat(r.status()).as(r.stdout().text()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .filteredOn(v -> v.ruleId().equals("docker.user"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.message())
                  .contains("gid " + SOCKET_GID)
                  .contains("owns the engine socket " + proxy.socket())
                  .contains("65534:65534");
              assertThat(v.offendingValue()).isEqualTo("65534:" + SOCKET_GID);
            });
  }

  @Test
  void theGroupOwningTheEngineSocketIsRefusedAsAnAddedGroup() {
    ExecutionResult r =
        run(
            probe()
                .user("65534:65534")
                .extraArgs(List.of("--group-add", Integer.toString(SOCKET_GID))));

    assertThat(r.status()).as(r.stdout().text()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .extracting(Violation::ruleId, Violation::offendingValue)
        .contains(org.assertj.core.groups.Tuple.tuple("docker.user", "--group-add " + SOCKET_GID));
  }

  @Test
  void anImageCannotPutTheSkillInTheGroupOwningTheEngineSocket() throws Exception {
    // the image's /etc/group makes its user a member of the socket's group; the runtime always
    // gives a gid, and with one Docker adds no group from the image
    Path etc = Files.createDirectories(temp.resolve("image/etc"));
    Files.writeString(etc.resolve("passwd"), "skill:x:1000:1000::/:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "skill:x:1000:\nengine:x:" + SOCKET_GID + ":skill\n");
    String image = "skillrt/groups-probe:" + System.nanoTime();
    try (DockerClient client = DockerTestEngine.client()) {
      String base =
          client.createContainerCmd(DockerTestEngine.IMAGE).withCmd("true").exec().getId();
      try {
        client
            .copyArchiveToContainerCmd(base)
            .withHostResource(etc.toString())
            .withRemotePath("/")
            .exec();
        client
            .commitCmd(base)
            .withRepository(image.substring(0, image.indexOf(':')))
            .withTag(image.substring(image.indexOf(':') + 1))
            .exec();
      } finally {
        client.removeContainerCmd(base).withForce(true).exec();
      }
      try {
        ExecutionResult r =
            runWithoutTheFolder(ContainerSpec.builder(image).user("1000").command(List.of("id")));

        assertThat(r.status())
            .as(r.message() + r.stderr().text())
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(r.stdout().text())
            .containsPattern("uid=1000\\(skill\\) gid=1000\\(skill\\) groups=1000\\(skill\\)\\s")
            .doesNotContain(Integer.toString(SOCKET_GID));
      } finally {
        client.removeImageCmd(image).withForce(true).exec();
      }
    }
  }

  @Test
  void anUnprivilegedAddedGroupReachesTheContainer() {
    ExecutionResult r =
        runWithoutTheFolder(probe().user("65534:65534").extraArgs(List.of("--group-add", "4242")));

    assertThat(r.status()).as(r.message() + r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).containsPattern("uid=65534\\S* gid=65534\\S* groups=4242,");
  }
}
