package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.internal.UnixAttributes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * A folder the JVM keeps for itself, such as a cache of code it loads or the root of per-call
 * folders it hands to skills: whoever else could write there, or swap it, would steer the JVM. So
 * the folder must be a real folder (not a symbolic link) of the JVM's user that group and others
 * cannot write, below folders only root or the JVM's user can change; missing folders are created
 * with the given mode, and nothing is created below a folder that fails that check. Used by
 * backends for their caches and work roots.
 *
 * <p>Every such folder (and file, see {@link #keep}) is remembered for the life of the JVM, and
 * {@link HostPathPolicy} refuses to grant it, anything in it or any folder holding it to a skill of
 * any backend: a skill that could write the WASM runtime's cache would run code in the JVM.
 * Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PrivateFolder {

  private static final int GROUP_OR_OTHER_WRITE = 0022;

  private static final Set<Path> KEPT = ConcurrentHashMap.newKeySet();

  private PrivateFolder() {}

  /**
   * Remembers a folder or file the JVM keeps for itself (whether it exists yet or not), so that no
   * skill is granted it: a backend calls this for its cache or work root as soon as it knows the
   * setting, the engine for its audit file.
   */
  public static void keep(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    KEPT.add(absolute);
    try {
      KEPT.add(HostPathPolicy.realPath(absolute));
    } catch (IOException | RuntimeException e) {
      // not resolvable now: the path as written is remembered
    }
  }

  /** What {@link #keep} and {@link #secure} remembered. */
  public static Set<Path> kept() {
    return Set.copyOf(KEPT);
  }

  /**
   * Makes {@code folder} (and any missing folder above it) with {@code mode}, then checks it.
   *
   * @param what how a message names the folder, e.g. {@code "the native work root"}
   * @return the folder, absolute
   * @throws IOException saying what is wrong; the caller adds what to do (it knows its settings)
   */
  public static Path secure(Path folder, Set<PosixFilePermission> mode, String what)
      throws IOException {
    Path absolute = folder.toAbsolutePath().normalize();
    keep(absolute);
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing);
      existing = existing.getParent();
    }
    if (existing != null && !missing.isEmpty()) {
      // nothing is made inside a folder someone else could change
      checkWay(missing.peek(), absolute, what);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(mode));
        Files.setPosixFilePermissions(p, mode); // the umask may have taken bits away
      } catch (FileAlreadyExistsException e) {
        // made by someone else meanwhile: judged below like any folder found there
      }
    }
    UnixAttributes a =
        UnixAttributes.read(
            absolute, "uid,mode,isSymbolicLink,isDirectory", LinkOption.NOFOLLOW_LINKS);
    if (a.flag("isSymbolicLink") || !a.flag("isDirectory")) {
      throw new IOException(
          what
              + " "
              + absolute
              + " is "
              + (a.flag("isSymbolicLink") ? "a symbolic link" : "not a folder"));
    }
    int self = jvmUid();
    if (a.intValue("uid") != self) {
      throw new IOException(
          what
              + " "
              + absolute
              + " belongs to uid "
              + a.intValue("uid")
              + ", not to the JVM's user (uid "
              + self
              + ")");
    }
    int bits = a.intValue("mode") & 0777;
    if ((bits & GROUP_OR_OTHER_WRITE) != 0) {
      throw new IOException(
          what
              + " "
              + absolute
              + " is writable by group or others ("
              + PosixFilePermissions.toString(Files.getPosixFilePermissions(absolute))
              + ")");
    }
    checkWay(absolute, absolute, what);
    return absolute;
  }

  /** Checks the folders on the way to {@code path}, as written and with links resolved. */
  private static void checkWay(Path path, Path folder, String what) throws IOException {
    Optional<String> unstable = StableAncestors.firstUnstable(path);
    Path parent = path.getParent();
    if (unstable.isEmpty() && parent != null) {
      unstable = StableAncestors.firstUnstable(parent.toRealPath().resolve(path.getFileName()));
    }
    if (unstable.isPresent()) {
      throw new IOException(
          what + " " + folder + " could be replaced by someone else: " + unstable.get());
    }
  }

  /**
   * The uid the JVM runs as; -1 where it cannot be told. Read once: Java code cannot change its
   * process's user.
   */
  public static int jvmUid() {
    return JvmUid.VALUE;
  }

  private static final class JvmUid {
    static final int VALUE = read();

    private static int read() {
      try {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return -1;
      }
    }
  }
}
