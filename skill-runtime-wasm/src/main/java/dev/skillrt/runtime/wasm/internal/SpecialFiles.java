package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.IntSupplier;

/**
 * Regular files and folders are all a module may open. A FIFO, a socket or a device in a grant
 * (there before the call, or made by another process while it runs) is refused with {@code ENOTSUP}
 * ("Not supported", what POSIX answers for opening a socket) and never opened: opening a FIFO waits
 * in {@code open(2)} until someone opens the other end, no interrupt wakes a thread waiting there,
 * and so a module could hold its worker thread for good. Setting a file's times is refused the same
 * way, because the JDK sets them by opening the file.
 */
final class SpecialFiles {

  private static final int FILE_TYPE_MASK = 0170000;
  private static final int FIFO_TYPE = 0010000;

  private SpecialFiles() {}

  /**
   * The errno to refuse opening {@code host} with, judged on what is there now without following a
   * link: {@link Errno#SUCCESS} for a regular file, a folder, a symbolic link (the caller resolved
   * the path and follows no link in it) or nothing (it may be created); {@link Errno#ENOTSUP} for
   * anything else.
   */
  static int refusal(Path host) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Errno.SUCCESS;
    } catch (AccessDeniedException e) {
      return Errno.EACCES;
    } catch (IOException e) {
      return Errno.EIO;
    }
    return attributes.isOther() ? Errno.ENOTSUP : Errno.SUCCESS;
  }

  /**
   * Runs {@code open}, a host function that opens {@code host}, unless {@code host} is a special
   * file now; {@code watch} knows the path while it runs.
   *
   * @return the errno of the refusal, else what {@code open} returned
   */
  static int open(Path host, HostCallWatch watch, IntSupplier open) {
    int refused = refusal(host);
    if (refused != Errno.SUCCESS) {
      return refused;
    }
    watch.opening(host);
    try {
      return open.getAsInt();
    } finally {
      watch.opened();
    }
  }

  /** Whether {@code path} itself (not what a link there names) is a FIFO now. */
  static boolean isFifo(Path path) {
    try {
      Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return mode instanceof Integer m && (m & FILE_TYPE_MASK) == FIFO_TYPE;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
