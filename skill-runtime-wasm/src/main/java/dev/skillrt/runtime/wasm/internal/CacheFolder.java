package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Makes sure a cache folder can be trusted before anything in it is read: the JVM loads classes
 * from it, so whoever can write there runs code as the JVM's user.
 *
 * <p>The folder must be a real folder (not a symbolic link), belong to the JVM's user and not be
 * writable by group or others. Every folder above it must belong to root or the JVM's user and
 * be writable by group or others only with the sticky bit (like {@code /tmp}), so nobody else
 * can swap it; symbolic links above it are checked on both sides (the link's owner, and the
 * folders above where it points). Missing folders are created with mode 0700.
 */
final class CacheFolder {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");
  private static final String FIX =
      "; the wasm runtime compiles in memory without a disk cache. Remove it or set 'cache-dir'"
          + " to a folder of the JVM's own user (or to 'none')";
  private static final String FIX_MODE =
      "; the wasm runtime compiles in memory without a disk cache. Run 'chmod 700' on it, or set"
          + " 'cache-dir' to a folder of the JVM's own user (or to 'none')";

  private final long uid;

  CacheFolder(long uid) {
    this.uid = uid;
  }

  /**
   * Creates {@code folder} (and missing folders above it) with mode 0700 and checks it and
   * everything above it.
   *
   * @return the folder as an absolute path
   */
  Path secure(Path folder) throws CacheRefusedException {
    Path absolute = folder.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null && !existing.equals(absolute)) {
      // nothing is created under a folder that someone else could change
      checkFrom(absolute, existing);
    }
    createMissing(absolute);
    checkOwnFolder(absolute);
    checkFrom(absolute, absolute.getParent());
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        checkFrom(absolute, parent.toRealPath());
      }
    } catch (IOException e) {
      throw new CacheRefusedException(
          "cannot resolve the folders above the wasm compiled-module cache folder " + absolute
              + ": " + e + FIX);
    }
    return absolute;
  }

  private void createMissing(Path absolute) throws CacheRefusedException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = absolute;
        p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        p = p.getParent()) {
      missing.push(p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        // the umask may have taken bits away; set exactly 0700
        Files.setPosixFilePermissions(p, OWNER_ONLY);
      } catch (FileAlreadyExistsException e) {
        // made by someone else meanwhile: checked below like any existing folder
      } catch (IOException | UnsupportedOperationException e) {
        throw new CacheRefusedException(
            "cannot create the wasm compiled-module cache folder " + p + ": " + e + FIX);
      }
    }
  }

  /** The folder the entries live in: a real folder, ours, not writable by group or others. */
  void checkOwnFolder(Path folder) throws CacheRefusedException {
    FileFacts f = facts(folder, folder);
    if (f.link() || !f.directory()) {
      throw new CacheRefusedException(
          "the wasm compiled-module cache folder " + folder + " is " + f.kind() + ", not a folder"
              + FIX);
    }
    if (f.uid() != uid) {
      throw new CacheRefusedException(
          "the wasm compiled-module cache folder " + folder + " belongs to uid " + f.uid()
              + ", not to the JVM's user (uid " + uid + ")" + FIX);
    }
    if (f.writableByGroupOrOthers()) {
      throw new CacheRefusedException(
          "the wasm compiled-module cache folder " + folder + " is writable by group or others ("
              + f.permissions() + ")" + FIX_MODE);
    }
  }

  /** {@code from} and every folder above it (lexically), up to the file-system root. */
  private void checkFrom(Path folder, @Nullable Path from) throws CacheRefusedException {
    for (Path p = from; p != null; p = p.getParent()) {
      FileFacts f = facts(folder, p);
      if (f.uid() != 0 && f.uid() != uid) {
        throw new CacheRefusedException(
            "the folder " + p + " above the wasm compiled-module cache folder " + folder
                + " belongs to uid " + f.uid() + ", neither root nor the JVM's user (uid " + uid
                + "), who could replace the cache folder" + FIX);
      }
      if (f.link()) {
        continue; // a link's own mode means nothing; where it points is checked on the real path
      }
      if (!f.directory()) {
        throw new CacheRefusedException(
            "the path " + p + " above the wasm compiled-module cache folder " + folder + " is "
                + f.kind() + FIX);
      }
      if (f.writableByGroupOrOthers() && !f.sticky()) {
        throw new CacheRefusedException(
            "the folder " + p + " above the wasm compiled-module cache folder " + folder
                + " is writable by group or others without the sticky bit (" + f.permissions()
                + "), so another user could replace the cache folder" + FIX);
      }
    }
  }

  private static FileFacts facts(Path folder, Path p) throws CacheRefusedException {
    try {
      return FileFacts.of(p);
    } catch (NoSuchFileException e) {
      throw new CacheRefusedException(
          "the wasm compiled-module cache folder " + folder + " vanished while being checked ("
              + p + ")" + FIX);
    } catch (IOException | UnsupportedOperationException e) {
      throw new CacheRefusedException(
          "cannot check " + p + " for the wasm compiled-module cache folder " + folder + ": " + e
              + FIX);
    }
  }
}
