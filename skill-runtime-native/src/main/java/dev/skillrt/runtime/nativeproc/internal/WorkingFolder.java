package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.Mount;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a call starts in: a fresh private one under the work root, deleted afterwards, or a
 * folder the request names inside one of its mounts, left alone.
 *
 * @param hostPath the folder on the host
 * @param guestPath where the skill sees it
 * @param temporary whether it is deleted when the call ends
 */
public record WorkingFolder(Path hostPath, String guestPath, boolean temporary) {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingFolder.class);

  /**
   * The folder for a request.
   *
   * @param owner uid:gid to hand a fresh folder to (the sandbox user), or empty to keep the JVM's
   */
  public static WorkingFolder create(
      Path workRoot, Optional<String> requested, List<Mount> mounts, Optional<int[]> owner)
      throws IOException {
    if (requested.isPresent()) {
      Path host =
          hostPathOf(requested.get(), mounts)
              .orElseThrow(() -> new IOException("working directory outside the mounts"));
      return new WorkingFolder(host, requested.get(), false);
    }
    Path root = secureRoot(workRoot);
    Path dir =
        Files.createTempDirectory(
            root, "call-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    if (owner.isPresent()) {
      Files.setAttribute(dir, "unix:uid", owner.get()[0], LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(dir, "unix:gid", owner.get()[1], LinkOption.NOFOLLOW_LINKS);
    }
    return new WorkingFolder(dir, dir.toString(), true);
  }

  /**
   * The work root, created with mode 0711 for the JVM's user when missing. Refused when it is a
   * symbolic link, belongs to another user or can be written by group or others: another user
   * could then swap a call's folder for a link to a file the JVM would hand to the sandbox user.
   */
  static Path secureRoot(Path workRoot) throws IOException {
    Path parent = workRoot.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(workRoot,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
      // the umask may have taken bits away; set exactly 0711
      Files.setPosixFilePermissions(workRoot, PosixFilePermissions.fromString("rwx--x--x"));
    } catch (FileAlreadyExistsException e) {
      // checked below, whoever made it
    }
    PosixFileAttributes attrs =
        Files.readAttributes(workRoot, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String fix = "; remove it or set 'work-root' to a folder of the JVM's own";
    if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
      throw new IOException("the work root " + workRoot + " is "
          + (attrs.isSymbolicLink() ? "a symbolic link" : "not a folder") + fix);
    }
    int owner = (Integer) Files.getAttribute(workRoot, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (owner != self) {
      throw new IOException("the work root " + workRoot + " belongs to uid " + owner
          + ", not to the JVM's user (uid " + self + ")" + fix);
    }
    Set<PosixFilePermission> perms = attrs.permissions();
    if (perms.contains(PosixFilePermission.GROUP_WRITE)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException("the work root " + workRoot + " is writable by group or others ("
          + PosixFilePermissions.toString(perms) + ")" + fix + " (chmod 711)");
    }
    return workRoot;
  }

  /** The host folder behind a guest path inside one of the mounts, if any. */
  public static Optional<Path> hostPathOf(String guestDir, List<Mount> mounts) {
    if (!guestDir.startsWith("/") || guestDir.contains("\0")) {
      return Optional.empty();
    }
    Path guest = Path.of(guestDir);
    if (!guest.normalize().equals(guest) || guestDir.contains("/../") || guestDir.endsWith("/..")) {
      return Optional.empty();
    }
    for (Mount m : mounts) {
      Path root = Path.of(m.guestPath());
      if (guest.startsWith(root)) {
        Path host = m.hostPath().resolve(root.relativize(guest).toString());
        if (Files.isDirectory(host)) {
          return Optional.of(host);
        }
      }
    }
    return Optional.empty();
  }

  /** Deletes a temporary folder and everything in it; logs what it cannot delete. */
  public void deleteIfTemporary() {
    if (!temporary) {
      return;
    }
    try {
      Files.walkFileTree(
          hostPath,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              // a skill may have taken its own permissions away; give them back to delete
              dir.toFile().setWritable(true, true);
              dir.toFile().setExecutable(true, true);
              dir.toFile().setReadable(true, true);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warn("could not delete the working folder {}: {}", hostPath, e.toString());
    }
  }
}
