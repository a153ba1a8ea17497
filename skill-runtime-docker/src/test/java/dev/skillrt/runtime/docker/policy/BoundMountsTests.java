package dev.skillrt.runtime.docker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path bound is the path judged; a symlink swapped in between is refused. */
class BoundMountsTests {

  private final BoundMounts judge = new BoundMounts(DockerRuntimeConfig.defaults());

  @TempDir Path temp;

  @Test
  void theRealPathIsBound() throws Exception {
    Path real = Files.createDirectories(temp.resolve("real"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);
    assertThat(judge.realPathToBind(new Mount(link, "/data", true))).isEqualTo(real.toRealPath());
  }

  @Test
  void aSymlinkSwappedToASystemFolderIsDeniedWhenBound() throws Exception {
    Path link =
        Files.createSymbolicLink(
            temp.resolve("link"), Files.createDirectories(temp.resolve("real")));
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("/etc"));
    assertThatThrownBy(() -> judge.realPathToBind(new Mount(link, "/data", true)))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.ruleId())
                    .contains("docker.mounts.system"));
  }

  @Test
  void aSymlinkSwappedAfterBindingIsCaughtBeforeCreate() throws Exception {
    Path real = Files.createDirectories(temp.resolve("real"));
    Path other = Files.createDirectories(temp.resolve("other"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);
    Mount mount = new Mount(link, "/data", true);
    Path bound = judge.realPathToBind(mount);
    BoundMounts.verifyUnchanged(List.of(mount), List.of(bound));

    Files.delete(link);
    Files.createSymbolicLink(link, other);
    assertThatThrownBy(() -> BoundMounts.verifyUnchanged(List.of(mount), List.of(bound)))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(v -> assertThat(v.ruleId()).isEqualTo("docker.mounts.changed")));
  }

  @Test
  void aBoundFolderReplacedByASymlinkIsCaughtBeforeCreate() throws Exception {
    Path real = Files.createDirectories(temp.resolve("real"));
    Mount mount = new Mount(real, "/data", true);
    Path bound = judge.realPathToBind(mount);
    Files.delete(real);
    Files.createSymbolicLink(real, Files.createDirectories(temp.resolve("elsewhere")));
    assertThatThrownBy(() -> BoundMounts.verifyUnchanged(List.of(mount), List.of(bound)))
        .isInstanceOf(PolicyViolationException.class);
  }
}
