package dev.skillrt.spi;

import dev.skillrt.api.internal.UnixAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether anyone but root and the JVM's user could replace a path, or a folder on the way to it,
 * with something else (a symbolic link, a folder of their own). Every folder above the path must
 * belong to root or the JVM's user and be writable by no one else; a shared folder with the sticky
 * bit ({@code /tmp}) is fine when the entry below it belongs to root or the JVM's user, since then
 * no one else may rename it. A symbolic link on the way must belong to root or the JVM's user
 * (where it points is judged on the real path).
 */
final class StableAncestors {

  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;

  private StableAncestors() {}

  /**
   * The first folder on the way to {@code path} (absolute, not itself judged) that someone else
   * could change, as a sentence such as "/srv/a belongs to uid 1001"; empty when there is none. The
   * part of the way that does not exist yet is not judged.
   *
   * @throws IOException when an owner cannot be read
   */
  static Optional<String> firstUnstable(Path path) throws IOException {
    int self = PrivateFolder.jvmUid();
    Path folder = path.getRoot();
    for (int i = 0; i < path.getNameCount(); i++) {
      Path child = folder.resolve(path.getName(i));
      UnixAttributes a;
      try {
        a = UnixAttributes.read(folder, "uid,mode,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (UnsupportedOperationException e) {
        throw new IOException("the file system of " + folder + " has no owners and modes", e);
      }
      int owner = a.intValue("uid");
      int mode = a.intValue("mode") & 07777;
      if (owner != 0 && owner != self) {
        return Optional.of(
            folder
                + " belongs to uid "
                + owner
                + ", neither root nor the JVM's"
                + " user (uid "
                + self
                + ")");
      }
      boolean link = a.flag("isSymbolicLink");
      if (!link && (mode & GROUP_OR_OTHER_WRITE) != 0) {
        if ((mode & STICKY) == 0) {
          return Optional.of(
              folder
                  + " is writable by group or others without the sticky bit"
                  + " (mode "
                  + Integer.toOctalString(mode)
                  + ")");
        }
        Optional<Integer> childOwner = owner(child);
        if (childOwner.isPresent() && childOwner.get() != 0 && childOwner.get() != self) {
          return Optional.of(
              child + " in the shared folder " + folder + " belongs to uid " + childOwner.get());
        }
      }
      folder = child;
    }
    return Optional.empty();
  }

  private static Optional<Integer> owner(Path path) throws IOException {
    try {
      return Optional.of((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
