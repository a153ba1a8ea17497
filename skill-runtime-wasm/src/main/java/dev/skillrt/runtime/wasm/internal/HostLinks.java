package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * Symbolic links made and read on the host for a module, at paths the guard already judged, with
 * the outcome as a WASI errno. Chicory 1.7.5 would store an absolute host path as a new link's
 * target and return only the last name of a link's target.
 */
final class HostLinks {

  private HostLinks() {}

  /**
   * Makes {@code link} with {@code target} kept as given (but for repeated and trailing slashes,
   * which Java drops), when {@link LinkTargetRule} accepts it from the link's folder.
   */
  static int create(Path root, Path link, String target) {
    int refused = LinkTargetRule.judge(root, link.getParent(), target);
    if (refused != Errno.SUCCESS) {
      return refused;
    }
    try {
      Files.createSymbolicLink(link, link.getFileSystem().getPath(target));
      return Errno.SUCCESS;
    } catch (FileAlreadyExistsException e) {
      return Errno.EEXIST;
    } catch (NoSuchFileException e) {
      return Errno.ENOENT;
    } catch (AccessDeniedException e) {
      return Errno.EACCES;
    } catch (UnsupportedOperationException e) {
      return Errno.ENOTSUP;
    } catch (IOException | InvalidPathException e) {
      return Errno.EIO;
    }
  }

  /**
   * Judges a hard link to be made at {@code link} of {@code source}: when {@code source} is a
   * symbolic link, the copy is a new link whose target is read from the new folder, so it is judged
   * as if the module made it there.
   */
  static int judgeCopy(Path root, Path source, Path link) {
    if (!Files.isSymbolicLink(source)) {
      return Errno.SUCCESS;
    }
    try {
      return LinkTargetRule.judge(
          root, link.getParent(), Files.readSymbolicLink(source).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return Errno.EIO;
    }
  }

  /**
   * Writes a link's whole target into the module's memory, cut at {@code bufLen} bytes as {@code
   * readlink} does, and the number of bytes written at {@code usedPtr}.
   */
  static int read(Path link, Memory memory, int buf, int bufLen, int usedPtr) {
    byte[] content;
    try {
      content = Files.readSymbolicLink(link).toString().getBytes(StandardCharsets.UTF_8);
    } catch (NotLinkException e) {
      return Errno.EINVAL;
    } catch (NoSuchFileException e) {
      return Errno.ENOENT;
    } catch (IOException | UnsupportedOperationException e) {
      return Errno.EIO;
    }
    int used = Math.min(content.length, bufLen);
    memory.write(buf, content, 0, used);
    memory.writeI32(usedPtr, used);
    return Errno.SUCCESS;
  }
}
