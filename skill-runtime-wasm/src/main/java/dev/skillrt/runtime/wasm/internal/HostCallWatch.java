package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one call's module is in the host, for the threads that stop the call: the WASI function it
 * is inside, and the host path that function is opening, if any. Written by the call's thread
 * ({@link ModuleRun}, {@link PreopenGuard}), read by any.
 *
 * <p>The guard never opens a FIFO it sees ({@link SpecialFiles}), but a process that writes the
 * grant can put one at the path between that look and the open, and the call's thread then waits in
 * {@code open(2)} for the other end, deaf to interrupts. {@link #release()} opens that FIFO itself
 * for reading and writing, which on Linux never waits and counts as both ends, so the waiting open
 * returns; the guard then closes what it got and refuses it.
 */
public final class HostCallWatch {

  private static final Logger LOG = LoggerFactory.getLogger(HostCallWatch.class);

  private volatile String hostCall = "";
  private volatile @Nullable Path opening;

  void entered(String function) {
    hostCall = function;
  }

  void left() {
    hostCall = "";
  }

  void opening(Path host) {
    opening = host;
  }

  void opened() {
    opening = null;
  }

  /** The WASI function the module is inside now, e.g. {@code path_open}; empty when none. */
  public String hostCall() {
    return hostCall;
  }

  /**
   * Gets the module out of an open that waits on a FIFO, when the path it is opening is a FIFO now
   * (the one it waits on, unless someone swapped it again): opens that FIFO for reading and
   * writing, without following a link, and closes it at once.
   *
   * @return whether a FIFO was opened for that
   */
  public boolean release() {
    Path path = opening;
    if (path == null || !SpecialFiles.isFifo(path)) {
      return false;
    }
    try (FileChannel ignored =
        FileChannel.open(
            path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not open FIFO {} to release a module waiting to open it", path, e);
      return false;
    }
  }
}
