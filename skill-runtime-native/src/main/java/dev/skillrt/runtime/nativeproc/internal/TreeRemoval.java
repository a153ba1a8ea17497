package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.spi.PrivateFolder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes a call's folder and everything in it without ever following a symbolic link, even one a
 * skill (or anyone running as the sandbox user) swaps in while the removal runs: every step is
 * relative to an open descriptor of the folder it happens in ({@link SecureDirectoryStream}: {@code
 * openat} with {@code O_NOFOLLOW}, {@code unlinkat}), never a path resolved again. A folder swapped
 * for a link is removed as the link it now is.
 *
 * <p>Root needs no permission bits to remove anything; a JVM of another user gives itself back the
 * bits a skill took away, through a descriptor of the folder itself (never a path).
 */
final class TreeRemoval {

  private static final boolean ROOT = PrivateFolder.jvmUid() == 0;

  private TreeRemoval() {}

  /**
   * Removes {@code folder} (an entry of a folder only the JVM's user can change).
   *
   * @return the entries that could not be removed, as paths for messages; empty when all went
   */
  static List<Path> remove(Path folder) throws IOException {
    List<Path> left = new ArrayList<>();
    try (DirectoryStream<Path> parent = Files.newDirectoryStream(folder.getParent())) {
      if (!(parent instanceof SecureDirectoryStream<Path> secure)) {
        throw new IOException("this platform cannot remove a folder without following links");
      }
      removeEntry(secure, folder.getFileName(), folder, left);
    }
    return left;
  }

  private static void removeEntry(
      SecureDirectoryStream<Path> parent, Path name, Path shown, List<Path> left) {
    try {
      BasicFileAttributes a =
          parent
              .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .readAttributes();
      if (!a.isDirectory()) {
        parent.deleteFile(name); // a file or a link: the entry itself goes, nothing it points to
        return;
      }
      if (!ROOT) {
        ownerMayEnter(parent, name);
      }
      try (SecureDirectoryStream<Path> children =
          parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
        List<Path> names = new ArrayList<>();
        children.forEach(child -> names.add(child.getFileName()));
        for (Path child : names) {
          removeEntry(children, child, shown.resolve(child), left);
        }
      }
      parent.deleteDirectory(name);
    } catch (NoSuchFileException e) {
      // gone meanwhile
    } catch (IOException e) {
      // swapped for a link after it was read (ELOOP), or not ours to remove: try it as a link
      try {
        parent.deleteFile(name);
      } catch (IOException again) {
        left.add(shown);
      }
    }
  }

  /** Gives the owner back rwx on a folder, through a descriptor opened without following links. */
  private static void ownerMayEnter(SecureDirectoryStream<Path> parent, Path name) {
    try {
      parent
          .getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setPermissions(PosixFilePermissions.fromString("rwx------"));
    } catch (IOException | UnsupportedOperationException e) {
      // a folder the skill made unreadable cannot be opened to be changed: it stays, reported
    }
  }
}
