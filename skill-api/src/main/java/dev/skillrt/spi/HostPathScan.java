package dev.skillrt.spi;

import dev.skillrt.api.internal.UnixAttributes;
import dev.skillrt.spi.HostPathPolicy.Reason;
import dev.skillrt.spi.HostPathPolicy.Refusal;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The search of a folder about to be granted for what must never reach a skill: sockets and devices
 * (by file type, whatever their name), credential folders and files (by name, and by inode for hard
 * links to a known credential), engine socket names; at most {@link HostPathPolicy#SCAN_MAX_DEPTH}
 * levels and {@link HostPathPolicy#SCAN_MAX_ENTRIES} entries deep. Symbolic links are not followed.
 */
final class HostPathScan extends SimpleFileVisitor<Path> {

  private static final int GROUP_OR_OTHER_WRITE = 0022;

  private final Path root;
  private final boolean ownTree;
  private final int self = PrivateFolder.jvmUid();
  private int entries;
  private Optional<Refusal> refusal = Optional.empty();

  private HostPathScan(Path root, boolean ownTree) {
    this.root = root;
    this.ownTree = ownTree;
  }

  /**
   * The refusal for what a folder holds; empty when it holds nothing forbidden.
   *
   * @param ownTree whether the folder and every folder in it must belong to root or the JVM's user
   *     and be writable by no one else ({@link HostPathPolicy#requiringOwnTree()})
   */
  static Optional<Refusal> inside(Path folder, boolean ownTree) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    HostPathScan scan = new HostPathScan(folder, ownTree);
    try {
      Files.walkFileTree(
          folder, EnumSet.noneOf(FileVisitOption.class), HostPathPolicy.SCAN_MAX_DEPTH, scan);
    } catch (IOException | RuntimeException e) {
      return HostPathPolicy.refuse(
          Reason.UNRESOLVABLE,
          folder + " cannot be searched for credentials and sockets (" + e.getMessage() + ")");
    }
    return scan.refusal;
  }

  /**
   * What a single file is, judged by its type: a socket or a device is refused, and so is a file
   * with more than one name that is the same inode as a known credential.
   */
  static Optional<Refusal> fileKind(Path file, Path grantedAs) {
    UnixAttributes unix;
    try {
      unix = UnixAttributes.read(file, "mode,nlink,ino,dev", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // missing (judged elsewhere) or not a POSIX file system
    }
    try {
      return judgeKind(file, grantedAs, unix);
    } catch (IOException e) {
      return HostPathPolicy.refuse(
          Reason.UNRESOLVABLE, file + " cannot be judged by its type (" + e.getMessage() + ")");
    }
  }

  private static Optional<Refusal> judgeKind(Path file, Path root, UnixAttributes unix)
      throws IOException {
    int type = unix.intValue("mode") & 0170000;
    String where = file.equals(root) ? "" : " (inside " + root + ")";
    if (type == 0140000) {
      return HostPathPolicy.refuse(
          Reason.SOCKET,
          file
              + " is a unix socket"
              + where
              + "; a socket may hand over the service behind it,"
              + " such as a container engine, whatever its name");
    }
    if (type == 0060000 || type == 0020000) {
      return HostPathPolicy.refuse(Reason.DEVICE, file + " is a device" + where);
    }
    if (type == 0010000) {
      return HostPathPolicy.refuse(
          Reason.DEVICE,
          file
              + " is a named pipe"
              + where
              + "; opening one blocks until someone is at the other end");
    }
    if (type == 0100000 && unix.intValue("nlink") > 1) {
      Optional<Path> credential =
          KnownCredentials.sameInodeAs(unix.longValue("dev"), unix.longValue("ino"));
      if (credential.isPresent()) {
        return HostPathPolicy.refuse(
            Reason.CREDENTIALS,
            file + where + " is a hard link to the credential " + credential.get());
      }
    }
    return Optional.empty();
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
    if (dir.equals(root)) {
      return ownTree ? judgeWriters(dir) : FileVisitResult.CONTINUE;
    }
    return judge(dir, attrs);
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
    FileVisitResult result = judge(file, attrs);
    if (result == FileVisitResult.CONTINUE && attrs.isDirectory() && holdsAnything(file)) {
      // a folder at the depth bound that is not empty: what lies below would go unchecked
      return tooLarge("it is more than " + HostPathPolicy.SCAN_MAX_DEPTH + " levels deep");
    }
    return result;
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException e) {
    // what the JVM cannot read here, a skill cannot read either; the rest is still judged
    return FileVisitResult.CONTINUE;
  }

  private FileVisitResult judge(Path entry, BasicFileAttributes attrs) {
    if (++entries > HostPathPolicy.SCAN_MAX_ENTRIES) {
      return tooLarge("it holds more than " + HostPathPolicy.SCAN_MAX_ENTRIES + " entries");
    }
    Path relative = root.relativize(entry);
    String relativeText = "/" + relative.toString().toLowerCase(Locale.ROOT);
    for (String credential : HostPathPolicy.CREDENTIAL_NAMES) {
      if (relativeText.endsWith("/" + credential)) {
        return refuse(
            Reason.CREDENTIALS,
            root
                + " holds the credential "
                + (attrs.isDirectory() ? "folder " : "file ")
                + credential
                + " (at "
                + relative
                + ")");
      }
    }
    if (!attrs.isDirectory() && HostPathPolicy.isEngineSocketName(entry.getFileName().toString())) {
      return refuse(
          Reason.SOCKET,
          root
              + " holds the container engine socket "
              + entry.getFileName()
              + " (at "
              + relative
              + ")");
    }
    if (ownTree && judgeWriters(entry) == FileVisitResult.TERMINATE) {
      return FileVisitResult.TERMINATE;
    }
    if (attrs.isOther() || (attrs.isRegularFile() && mayBeLinked(entry))) {
      Optional<Refusal> kind = fileKind(entry, root);
      if (kind.isPresent()) {
        refusal = kind;
        return FileVisitResult.TERMINATE;
      }
    }
    return FileVisitResult.CONTINUE;
  }

  /** Refuses an entry someone other than root or the JVM's user owns, or a folder others write. */
  private FileVisitResult judgeWriters(Path entry) {
    UnixAttributes a;
    try {
      a = UnixAttributes.read(entry, "uid,mode", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return FileVisitResult.CONTINUE; // gone meanwhile; a missing owner is judged elsewhere
    }
    int owner;
    int mode;
    try {
      owner = a.intValue("uid");
      mode = a.intValue("mode");
    } catch (IOException e) {
      return refuse(
          Reason.UNRESOLVABLE, entry + " has no owner or mode to judge (" + e.getMessage() + ")");
    }
    String where = entry.equals(root) ? "" : " (inside " + root + ")";
    if (owner != 0 && owner != self) {
      return refuse(
          Reason.SHARED,
          entry
              + where
              + " belongs to uid "
              + owner
              + ", who could"
              + " replace what lies there with a symbolic link while paths are resolved through it");
    }
    if ((mode & 0170000) == 0040000 && (mode & GROUP_OR_OTHER_WRITE) != 0) {
      return refuse(
          Reason.SHARED,
          entry
              + where
              + " is writable by group or others (mode "
              + Integer.toOctalString(mode & 07777)
              + "), who could put a symbolic link there while"
              + " paths are resolved through it");
    }
    return FileVisitResult.CONTINUE;
  }

  private static boolean mayBeLinked(Path file) {
    try {
      return ((Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)) > 1;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean holdsAnything(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private FileVisitResult tooLarge(String why) {
    return refuse(
        Reason.TOO_LARGE,
        root + " is too large to check for credentials and sockets (" + why + ")");
  }

  private FileVisitResult refuse(Reason reason, String message) {
    refusal = Optional.of(new Refusal(reason, message));
    return FileVisitResult.TERMINATE;
  }
}
