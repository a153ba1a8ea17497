package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * Where a guest path lands on the host, resolved the way the host would (component by component,
 * each symbolic link's target read and resolved against the folder that holds the link, chains
 * followed up to {@value #MAX_LINKS} links) but never leaving one preopen's root: a step above the
 * root ({@code ..}, or an absolute link target elsewhere) is refused with {@code ENOTCAPABLE}.
 *
 * <p>The result names a host path with no symbolic link in it (except the last component when links
 * are not followed there), so that opening exactly that path opens what was judged.
 *
 * <p>Chicory 1.7.5 does otherwise on its own: it reads a link's target and uses it as it is, so a
 * relative target is taken relative to the JVM's working folder, not to the link's folder.
 */
final class PreopenPaths {

  /** Links followed in one resolution before giving up with {@code ELOOP}, as Linux does. */
  static final int MAX_LINKS = 40;

  /** The outcome of a resolution. */
  sealed interface Resolution {}

  /** The host path the guest path names. */
  record Host(Path path) implements Resolution {}

  /** The guest path is refused with this WASI errno. */
  record Refused(int errno) implements Resolution {}

  /**
   * A guest path that Chicory refuses by itself without touching the file system (absolute,
   * malformed, or climbing above its folder lexically): handed to Chicory as it is, so that the
   * module sees Chicory's usual error.
   */
  record LeftToChicory() implements Resolution {}

  private PreopenPaths() {}

  /**
   * Resolves a guest path given relative to a folder.
   *
   * @param folder the real host path of the folder the path is relative to, inside {@code root}
   * @param root the preopen's real host root
   * @param raw the guest path as the module gave it
   * @param followLast whether a link in the last component is followed
   */
  static Resolution resolve(Path folder, Path root, String raw, boolean followLast) {
    Path relative;
    try {
      relative = folder.getFileSystem().getPath(raw);
    } catch (InvalidPathException e) {
      return new LeftToChicory();
    }
    // Chicory's own lexical rule, applied before anything else: absolute paths and paths whose
    // normal form starts with ".." are refused; "a/../b" is taken as "b".
    if (relative.isAbsolute()) {
      return new LeftToChicory();
    }
    Path normal = relative.normalize();
    if (normal.startsWith("..")) {
      return new LeftToChicory();
    }
    Deque<String> todo = new ArrayDeque<>();
    push(todo, normal);
    return walk(folder, root, todo, followLast);
  }

  /**
   * Where a descriptor's path is now. A descriptor is held as a path relative to its preopen's real
   * root, and that path is walked again, name by name from the root, whenever the descriptor is
   * used: Chicory keeps only a host path, which the OS would resolve through whatever now stands on
   * it (a folder removed and made a link since opening it would be followed wherever it points).
   *
   * @param root the preopen's real host root
   * @param held the descriptor's path relative to {@code root} (empty for the root itself)
   * @param folder whether the descriptor is a folder (then its last name must still be one)
   * @return the host path, with no link in it; else refused with {@code ENOENT} when a name is
   *     gone, or {@code ENOTCAPABLE} when a name is now a symbolic link or no longer a folder
   */
  static Resolution held(Path root, Path held, boolean folder) {
    Path current = root;
    int count = held.getNameCount();
    for (int i = 0; i < count; i++) {
      String name = held.getName(i).toString();
      if (name.isEmpty()) {
        continue;
      }
      current = current.resolve(name);
      BasicFileAttributes attributes;
      try {
        attributes = attributes(current);
      } catch (AccessDeniedException e) {
        return new Refused(Errno.EACCES);
      } catch (IOException e) {
        return new Refused(Errno.EIO);
      }
      if (attributes == null) {
        return new Refused(Errno.ENOENT);
      }
      boolean mustBeFolder = folder || i < count - 1;
      if (attributes.isSymbolicLink() || (mustBeFolder && !attributes.isDirectory())) {
        return new Refused(Errno.ENOTCAPABLE);
      }
    }
    return new Host(current);
  }

  /**
   * Resolves a relative link target as the host would when following a link in {@code linkFolder}
   * (from the link's folder, {@code ..} allowed while it stays inside). An absolute target is
   * refused: a module never makes one ({@link LinkTargetRule}).
   */
  static Resolution resolveTarget(Path linkFolder, Path root, String target) {
    Path path;
    try {
      path = linkFolder.getFileSystem().getPath(target);
    } catch (InvalidPathException e) {
      return new Refused(Errno.EINVAL);
    }
    if (path.isAbsolute()) {
      return new Refused(Errno.ENOTCAPABLE);
    }
    Deque<String> todo = new ArrayDeque<>();
    push(todo, path);
    return walk(linkFolder, root, todo, true);
  }

  private static Resolution walk(Path start, Path root, Deque<String> todo, boolean followLast) {
    Path current = start;
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.removeFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        Path parent = current.getParent();
        if (current.equals(root) || parent == null) {
          return new Refused(Errno.ENOTCAPABLE);
        }
        current = parent;
        continue;
      }
      Path next = current.resolve(name);
      boolean last = todo.isEmpty();
      BasicFileAttributes attributes;
      try {
        attributes = attributes(next);
      } catch (AccessDeniedException e) {
        return new Refused(Errno.EACCES);
      } catch (IOException e) {
        return new Refused(Errno.EIO);
      }
      if (attributes == null) {
        // missing: fine as the last component (it may be created); else nothing is there
        if (!last) {
          return new Refused(Errno.ENOENT);
        }
        current = next;
        continue;
      }
      if (attributes.isSymbolicLink() && (!last || followLast)) {
        if (++links > MAX_LINKS) {
          return new Refused(Errno.ELOOP);
        }
        Path target;
        try {
          target = Files.readSymbolicLink(next);
        } catch (IOException e) {
          return new Refused(Errno.EIO);
        }
        if (target.isAbsolute()) {
          // an absolute target names a host path: followed only into this same root
          if (!target.startsWith(root)) {
            return new Refused(Errno.ENOTCAPABLE);
          }
          current = root;
          target = root.relativize(target);
        }
        push(todo, target);
        continue;
      }
      if (!last && !attributes.isDirectory()) {
        return new Refused(Errno.ENOTDIR);
      }
      current = next;
    }
    return current.startsWith(root) ? new Host(current) : new Refused(Errno.ENOTCAPABLE);
  }

  /** Puts a path's names in front of what is left to resolve, in order. */
  private static void push(Deque<String> todo, Path path) {
    for (int i = path.getNameCount() - 1; i >= 0; i--) {
      todo.addFirst(path.getName(i).toString());
    }
  }

  private static @Nullable BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
