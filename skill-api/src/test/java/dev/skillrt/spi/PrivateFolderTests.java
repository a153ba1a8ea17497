package dev.skillrt.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders the JVM keeps for itself, on real folders, links and owners. */
class PrivateFolderTests {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  @TempDir Path temp;

  @Test
  void missingFoldersAreMadeWithExactlyTheMode() throws IOException {
    Path made = PrivateFolder.secure(temp.resolve("a/b/cache"), OWNER_ONLY, "the cache");
    for (Path p : java.util.List.of(made, temp.resolve("a/b"), temp.resolve("a"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .as(p.toString())
          .isEqualTo("rwx------");
    }
  }

  @Test
  void aLinkOrAFolderOthersMayWriteIsRefused() throws IOException {
    Path real = Files.createDirectory(temp.resolve("real"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);
    assertThatThrownBy(() -> PrivateFolder.secure(link, OWNER_ONLY, "the cache"))
        .hasMessageContaining("the cache " + link + " is a symbolic link");

    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> PrivateFolder.secure(real, OWNER_ONLY, "the cache"))
        .hasMessageContaining("writable by group or others");

    Path open = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> PrivateFolder.secure(open.resolve("cache"), OWNER_ONLY, "the cache"))
        .hasMessageContaining("could be replaced by someone else")
        .hasMessageContaining("without the sticky bit");
    assertThat(open.resolve("cache")).doesNotExist();
  }

  @Test
  void nothingIsMadeInsideAnotherUsersFolder() throws IOException {
    Assumptions.assumeTrue(PrivateFolder.jvmUid() == 0, "only root may hand a folder over");
    Path theirs = Files.createDirectory(temp.resolve("theirs"));
    Files.setAttribute(theirs, "unix:uid", 65534);
    assertThatThrownBy(() -> PrivateFolder.secure(theirs.resolve("cache"), OWNER_ONLY, "the cache"))
        .hasMessageContaining(theirs + " belongs to uid 65534");
    assertThat(theirs.resolve("cache")).doesNotExist();
    assertThatThrownBy(() -> PrivateFolder.secure(theirs, OWNER_ONLY, "the cache"))
        .hasMessageContaining("belongs to uid 65534, not to the JVM's user");
  }
}
