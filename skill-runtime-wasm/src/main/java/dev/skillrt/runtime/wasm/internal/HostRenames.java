package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Renames for a module, at host paths the guard already judged (inside one preopen, no link
 * followed in the last name of either), with {@code rename(2)}'s outcome as a WASI errno. Chicory
 * 1.7.5 refuses every rename with {@code ENOTSUP} (it asks the JDK for an atomic move that also
 * copies attributes, which the JDK rejects); belongs upstream (github.com/dylibso/chicory, {@code
 * WasiPreview1.pathRename}).
 *
 * <p>What is moved keeps the promise of {@link LinkTargetRule}: a symbolic link moved (or held
 * inside a folder moved) to another folder is judged again from its new folder, as if the module
 * made it there, and the rename is refused with {@code ENOTCAPABLE} when any would then climb out
 * of the preopen. A folder moved higher would otherwise let a link's {@code ..} reach above the
 * root.
 */
final class HostRenames {

  private HostRenames() {}

  /**
   * @param root the preopen's real host root
   * @param from what to move (its last name not followed)
   * @param fromSlash whether the module's path for it ended with {@code /}
   * @param to where to move it (replaced when it is there, as {@code rename(2)} does)
   * @param toSlash whether the module's path for it ended with {@code /}
   */
  static int rename(Path root, Path from, boolean fromSlash, Path to, boolean toSlash) {
    BasicFileAttributes source;
    @Nullable BasicFileAttributes target;
    try {
      source = attributes(from);
      target = attributes(to);
    } catch (AccessDeniedException e) {
      return Errno.EACCES;
    } catch (IOException e) {
      return Errno.EIO;
    }
    if (source == null) {
      return Errno.ENOENT;
    }
    boolean folder = source.isDirectory();
    if ((fromSlash || toSlash) && !folder) {
      return Errno.ENOTDIR;
    }
    if (from.equals(to)) {
      return Errno.SUCCESS;
    }
    if (folder && to.startsWith(from)) {
      return Errno.EINVAL;
    }
    if (target != null) {
      if (folder && !target.isDirectory()) {
        return Errno.ENOTDIR;
      }
      if (!folder && target.isDirectory()) {
        return Errno.EISDIR;
      }
      if (folder && !emptyFolder(to)) {
        return Errno.ENOTEMPTY;
      }
    }
    int refused = judgeMovedLinks(root, from, source, to);
    if (refused != Errno.SUCCESS) {
      return refused;
    }
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      return Errno.SUCCESS;
    } catch (NoSuchFileException e) {
      return Errno.ENOENT;
    } catch (DirectoryNotEmptyException e) {
      return Errno.ENOTEMPTY;
    } catch (AccessDeniedException e) {
      return Errno.EACCES;
    } catch (IOException | UnsupportedOperationException e) {
      return Errno.EIO;
    }
  }

  /** Judges every symbolic link that would move, from the folder it would then be in. */
  private static int judgeMovedLinks(Path root, Path from, BasicFileAttributes source, Path to) {
    if (source.isSymbolicLink()) {
      return judge(root, from, to.getParent());
    }
    if (!source.isDirectory() || Objects.equals(from.getParent(), to.getParent())) {
      // a file has no link to carry; a folder renamed in its own folder keeps every link's depth
      return Errno.SUCCESS;
    }
    try (Stream<Path> inside = Files.walk(from)) {
      Iterator<Path> it = inside.iterator();
      while (it.hasNext()) {
        Path p = it.next();
        if (Files.isSymbolicLink(p)) {
          int refused = judge(root, p, to.resolve(from.relativize(p.getParent())));
          if (refused != Errno.SUCCESS) {
            return refused;
          }
        }
      }
      return Errno.SUCCESS;
    } catch (IOException | RuntimeException e) {
      return Errno.EIO;
    }
  }

  private static int judge(Path root, Path link, @Nullable Path newFolder) {
    try {
      int refused = LinkTargetRule.judge(root, newFolder, Files.readSymbolicLink(link).toString());
      // an empty or unstorable target is no reason to refuse moving what is already there
      return refused == Errno.ENOTCAPABLE ? refused : Errno.SUCCESS;
    } catch (IOException | UnsupportedOperationException e) {
      return Errno.EIO;
    }
  }

  private static boolean emptyFolder(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
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
