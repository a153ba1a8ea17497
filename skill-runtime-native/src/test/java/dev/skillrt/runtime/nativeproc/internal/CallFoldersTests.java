package dev.skillrt.runtime.nativeproc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Call folders made ahead and removed after the call: each goes to one call only, a folder changed
 * while it waited is not handed out, and closing leaves the work root empty.
 */
class CallFoldersTests {

  private static final Optional<String> FRESH = Optional.empty();

  @Test
  void everyCallGetsAFolderOfItsOwnAndCloseLeavesNothing(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("work");
    Set<Path> seen = new HashSet<>();
    try (CallFolders folders = new CallFolders(root)) {
      for (int i = 0; i < 50; i++) {
        WorkingFolder f = folders.take(FRESH, List.of(), Optional.empty());
        assertThat(f.temporary()).isTrue();
        assertThat(seen.add(f.hostPath())).as("handed out twice: %s", f.hostPath()).isTrue();
        assertThat(f.hostPath()).isDirectory().isEmptyDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.hostPath())))
            .isEqualTo("rwx------");
        Files.writeString(f.hostPath().resolve("left-by-the-call"), "x");
        folders.delete(f);
      }
    }
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).as("the work root after close").isEmpty();
    }
  }

  @Test
  void aFolderMadeAheadThatWasOpenedUpIsNotHandedOut(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("work");
    try (CallFolders folders = new CallFolders(root)) {
      WorkingFolder first = folders.take(FRESH, List.of(), Optional.empty());
      List<Path> ahead = waitForAhead(root, first.hostPath());
      folders.delete(first);
      for (Path p : ahead) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
      }
      WorkingFolder f = folders.take(FRESH, List.of(), Optional.empty());
      assertThat(ahead).doesNotContain(f.hostPath());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.hostPath())))
          .isEqualTo("rwx------");
      folders.delete(f);
    }
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).as("the changed folders are removed too").isEmpty();
    }
  }

  @Test
  void aFolderMadeAheadThatBecameALinkIsNotHandedOut(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("work");
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    try (CallFolders folders = new CallFolders(root)) {
      WorkingFolder first = folders.take(FRESH, List.of(), Optional.empty());
      List<Path> ahead = waitForAhead(root, first.hostPath());
      folders.delete(first);
      for (Path p : ahead) {
        Files.delete(p);
        Files.createSymbolicLink(p, elsewhere);
      }
      WorkingFolder f = folders.take(FRESH, List.of(), Optional.empty());
      assertThat(ahead).doesNotContain(f.hostPath());
      assertThat(Files.isSymbolicLink(f.hostPath())).isFalse();
      folders.delete(f);
    }
    assertThat(elsewhere).as("a link is removed as a link").isDirectory();
  }

  private static List<Path> waitForAhead(Path root, Path taken)
      throws IOException, InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < until) {
      try (Stream<Path> s = Files.list(root)) {
        List<Path> found =
            s.filter(p -> p.getFileName().toString().startsWith("call-"))
                .filter(p -> !p.equals(taken))
                .toList();
        if (found.size() >= 2) {
          return found;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no folders were made ahead in " + root);
  }
}
