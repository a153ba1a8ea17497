package dev.skillrt.runtime.docker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search of a mounted folder's whole subtree, on real folders. */
class MountScanTests {

  private static final List<PolicyRule> RULES = DockerPolicy.rules(DockerRuntimeConfig.defaults());

  @TempDir Path temp;

  private static List<String> errorIds(Path host) {
    ExecutionRequest request =
        ExecutionRequest.builder("s", "t", ContainerSpec.builder("skillrt/busybox:test").build())
            .mount(new Mount(host, "/data", true))
            .build();
    return PolicyRules.errors(PolicyRules.evaluate(RULES, request, PolicyPhase.EXECUTE)).stream()
        .map(Violation::ruleId)
        .toList();
  }

  @Test
  void anEngineSocketDeepInsideIsFound() throws Exception {
    Files.createDirectories(temp.resolve("x/deep/inner"));
    Files.writeString(temp.resolve("x/deep/inner/docker.sock"), "");
    Files.createDirectories(temp.resolve("y/a/b/c"));
    Files.writeString(temp.resolve("y/a/b/c/podman.sock"), "");
    assertThat(errorIds(temp.resolve("x"))).containsExactly("docker.mounts.socket");
    assertThat(errorIds(temp.resolve("y"))).containsExactly("docker.mounts.socket");
  }

  @Test
  void aCredentialFolderDeepInsideIsFound() throws Exception {
    for (String name : List.of(".ssh", ".aws", ".kube", ".docker", ".gnupg")) {
      Path mounted = Files.createDirectories(temp.resolve("m" + name));
      Files.createDirectories(mounted.resolve("proj/sub/" + name));
      assertThat(errorIds(mounted)).as(name).containsExactly("docker.mounts.credentials");
    }
    Path withNetrc = Files.createDirectories(temp.resolve("n/a/b"));
    Files.writeString(withNetrc.resolve(".netrc"), "machine x");
    assertThat(errorIds(temp.resolve("n"))).containsExactly("docker.mounts.credentials");
  }

  @Test
  void aCleanTreeWithinTheBoundsPasses() throws Exception {
    Path mounted = Files.createDirectories(temp.resolve("clean/a/b/c/d/e"));
    Files.writeString(mounted.resolve("file.txt"), "x");
    Files.writeString(temp.resolve("clean/a/app.sock"), "");
    Files.createDirectories(temp.resolve("clean/ssh"));
    assertThat(errorIds(temp.resolve("clean"))).isEmpty();
  }

  @Test
  void symlinksInsideAreNotFollowed() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside/.ssh"));
    Path mounted = Files.createDirectories(temp.resolve("linked"));
    Files.createSymbolicLink(mounted.resolve("elsewhere"), outside.getParent());
    assertThat(errorIds(mounted)).isEmpty();
  }

  @Test
  void aTreeDeeperThanTheBoundIsTooLargeToCheck() throws Exception {
    Path mounted = temp.resolve("deep");
    Files.createDirectories(mounted.resolve("1/2/3/4/5/6/7"));
    assertThat(errorIds(mounted)).containsExactly("docker.mounts.too-large");
  }

  @Test
  void aTreeWithMoreEntriesThanTheBoundIsTooLargeToCheck() throws Exception {
    Path mounted = Files.createDirectories(temp.resolve("wide"));
    for (int i = 0; i <= dev.skillrt.spi.HostPathPolicy.SCAN_MAX_ENTRIES; i++) {
      Files.createFile(mounted.resolve("f" + i));
    }
    List<Violation> errors =
        PolicyRules.errors(
            PolicyRules.evaluate(
                RULES,
                ExecutionRequest.builder(
                        "s", "t", ContainerSpec.builder("skillrt/busybox:test").build())
                    .mount(new Mount(mounted, "/data", true))
                    .build(),
                PolicyPhase.EXECUTE));
    assertThat(errors)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("docker.mounts.too-large");
              assertThat(v.message())
                  .contains("too large to check")
                  .contains("mount a narrower folder");
            });
  }

  @Test
  void broadRootsAreDeniedButTheirSubfoldersAreNot() {
    for (String root : List.of("/tmp", "/tmp/", "/mnt", "/opt", "/media", "/srv", "/var/tmp")) {
      assertThat(errorIds(Path.of(root))).as(root).containsExactly("docker.mounts.broad-root");
    }
    assertThat(errorIds(Path.of("/var/lib/dpkg"))).contains("docker.mounts.system");
    assertThat(errorIds(temp)).isEmpty();
  }

  @Test
  void aBroadRootOrATooLargeFolderIsAWarningAtValidation() throws Exception {
    Files.createDirectories(temp.resolve("deep/1/2/3/4/5/6/7"));
    for (Path host : List.of(Path.of("/tmp"), temp.resolve("deep"))) {
      ExecutionRequest request =
          ExecutionRequest.builder("s", "t", ContainerSpec.builder("skillrt/busybox:test").build())
              .mount(new Mount(host, "/workdir", false))
              .build();
      assertThat(PolicyRules.evaluate(RULES, request, PolicyPhase.VALIDATE))
          .as("%s", host)
          .singleElement()
          .satisfies(v -> assertThat(v.isError()).isFalse());
    }
  }
}
