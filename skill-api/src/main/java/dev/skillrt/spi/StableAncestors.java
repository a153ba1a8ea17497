package dev.skillrt.spi;

import dev.skillrt.spi.HostPathPolicy.Reason;
import dev.skillrt.spi.HostPathPolicy.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether anyone but root and the JVM's user could replace a granted folder, or a folder above
 * it, with a symbolic link between the check and the mount. Every folder above the granted path
 * must belong to root or the JVM's user and be writable by no one else; a shared folder with the
 * sticky bit ({@code /tmp}) is fine when the entry below it belongs to root or the JVM's user,
 * since then no one else may rename it.
 */
final class StableAncestors {

  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;

  private StableAncestors() {}

  /** The refusal for a real (link-free) absolute path; empty when its parents are stable. */
  static Optional<Refusal> check(Path real) {
    int self = selfUid();
    Path folder = real.getRoot();
    for (int i = 0; i < real.getNameCount(); i++) {
      Path child = folder.resolve(real.getName(i));
      Map<String, Object> a;
      try {
        a = Files.readAttributes(folder, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return Optional.empty(); // the rest does not exist yet: judged again when it is bound
      } catch (IOException | UnsupportedOperationException e) {
        return HostPathPolicy.refuse(Reason.UNRESOLVABLE, "cannot read the owner of " + folder
            + " (" + e.getMessage() + ")");
      }
      int owner = (Integer) a.get("uid");
      int mode = (Integer) a.get("mode");
      String fix = "; grant a folder whose parent folders only root or the JVM's user (uid " + self
          + ") can change";
      if (owner != 0 && owner != self) {
        return HostPathPolicy.refuse(
            Reason.UNSTABLE_PARENT,
            real + " lies in " + folder + ", which belongs to uid " + owner + ": that user, or a"
                + " skill running as that user, could replace " + child.getFileName()
                + " with a symbolic link between the check and the mount" + fix);
      }
      if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
        if ((mode & STICKY) == 0) {
          return HostPathPolicy.refuse(
              Reason.UNSTABLE_PARENT,
              real + " lies in " + folder + ", which group or others may write (mode "
                  + Integer.toOctalString(mode & 07777) + "): anyone who can write there could"
                  + " replace " + child.getFileName() + " with a symbolic link between the check"
                  + " and the mount" + fix);
        }
        int childOwner;
        try {
          childOwner = (Integer) Files.getAttribute(child, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
          return Optional.empty(); // missing: judged again when it is bound
        }
        if (childOwner != 0 && childOwner != self) {
          return HostPathPolicy.refuse(
              Reason.UNSTABLE_PARENT,
              real + " passes through " + child + ", which belongs to uid " + childOwner
                  + " in the shared folder " + folder + ": its owner could replace it with a"
                  + " symbolic link between the check and the mount" + fix);
        }
      }
      folder = child;
    }
    return Optional.empty();
  }

  private static int selfUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }
}
