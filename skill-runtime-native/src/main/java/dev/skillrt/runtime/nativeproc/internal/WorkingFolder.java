package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.Mount;
import dev.skillrt.spi.PrivateFolder;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

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
    while (true) {
      // a random name, as Files.createTempDirectory gives, without a SecureRandom for each: the
      // root lets no one else create or list anything in it, so the name guards nothing
      Path dir =
          root.resolve("call-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
      try {
        Files.createDirectory(dir, OWNER_ONLY);
        return fresh(dir, owner);
      } catch (FileAlreadyExistsException e) {
        // another runtime's folder, or another JVM's: another name
      }
    }
  }

  /** A fresh folder just made in the work root, handed to {@code owner} when given. */
  static WorkingFolder fresh(Path dir, Optional<int[]> owner) throws IOException {
    if (owner.isPresent()) {
      Files.setAttribute(dir, "unix:uid", owner.get()[0], LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(dir, "unix:gid", owner.get()[1], LinkOption.NOFOLLOW_LINKS);
    }
    return new WorkingFolder(dir, dir.toString(), true);
  }

  /**
   * The work root, created with mode 0711 for the JVM's user when missing. Refused when it is a
   * symbolic link, belongs to another user, can be written by group or others, or lies where
   * someone else could swap it ({@link PrivateFolder}): another user could then swap a call's
   * folder for a link to a file the JVM would hand to the sandbox user.
   */
  static Path secureRoot(Path workRoot) throws IOException {
    try {
      return PrivateFolder.secure(
          workRoot, PosixFilePermissions.fromString("rwx--x--x"), "the work root");
    } catch (IOException e) {
      throw new IOException(
          e.getMessage() + "; remove it or set 'work-root' to a folder of the JVM's own", e);
    }
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

  /**
   * Deletes a temporary folder and everything in it, never following a link ({@link TreeRemoval});
   * logs what it cannot delete.
   */
  public void deleteIfTemporary() {
    if (!temporary) {
      return;
    }
    try {
      List<Path> left = TreeRemoval.remove(hostPath);
      if (!left.isEmpty()) {
        LOG.warn(
            "could not delete all of the working folder {}: {} entries stay, e.g. {}",
            hostPath,
            left.size(),
            left.get(0));
      }
    } catch (IOException e) {
      LOG.warn("could not delete the working folder {}: {}", hostPath, e.toString());
    }
  }
}
