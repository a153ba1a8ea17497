package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.runtime.wasm.internal.PreopenPaths.Host;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.Resolution;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What each file descriptor of one call holds: its preopen and its path relative to that preopen's
 * real root, as it was when opened. Preopens are fds 3, 4, ... in the order given to WASI; {@code
 * path_open}, {@code fd_close} and {@code fd_renumber} keep the table current. Descriptors Chicory
 * made by itself (stdio) are not in it. One table per call, used only by the call's thread.
 */
final class HeldDescriptors {

  private static final int FIRST_PREOPEN_FD = 3;

  /**
   * What one descriptor holds.
   *
   * @param path relative to the preopen's real root (empty for the root), with no link in it when
   *     it was opened
   * @param directory whether it is a folder descriptor
   */
  record Held(Path path, Preopen preopen, boolean directory) {

    /** The host path Chicory keeps for this descriptor and resolves everything from. */
    Path host() {
      return preopen.hostRoot().resolve(path);
    }

    /**
     * The descriptor's path as it is now, walked again from the root ({@link PreopenPaths#held}).
     */
    Resolution now() {
      return PreopenPaths.held(preopen.hostRoot(), path, directory);
    }
  }

  private final Map<Integer, Held> byFd = new HashMap<>();

  /**
   * @param preopens in the order they were given to WASI
   */
  HeldDescriptors(List<Preopen> preopens) {
    for (int i = 0; i < preopens.size(); i++) {
      Preopen p = preopens.get(i);
      byFd.put(FIRST_PREOPEN_FD + i, new Held(p.hostRoot().getFileSystem().getPath(""), p, true));
    }
  }

  @Nullable Held get(int fd) {
    return byFd.get(fd);
  }

  /** Records descriptor {@code fd}, just opened at {@code host} in {@code preopen}. */
  void opened(int fd, Preopen preopen, Path host, boolean directory) {
    byFd.put(fd, new Held(preopen.hostRoot().relativize(host), preopen, directory));
  }

  void closed(int fd) {
    byFd.remove(fd);
  }

  void renumbered(int from, int to) {
    Held moved = byFd.remove(from);
    if (moved == null) {
      byFd.remove(to);
    } else {
      byFd.put(to, moved);
    }
  }

  /**
   * The folder descriptor to hand Chicory a path under: Chicory resolves it lexically under the
   * descriptor's host path, so this is {@code dirFd} when {@code host} lies under it, else the
   * closest other folder of the same preopen that holds {@code host} and whose path still names a
   * real folder.
   *
   * @param dirFd a folder descriptor whose path was just found unchanged
   * @param host a resolved host path in {@code dirFd}'s preopen
   * @return the descriptor, or -1 when no open folder holds {@code host}
   */
  int closestFolder(int dirFd, Path host) {
    Held dir = byFd.get(dirFd);
    if (dir == null) {
      return -1;
    }
    if (host.startsWith(dir.host())) {
      return dirFd;
    }
    int best = -1;
    Held base = null;
    for (Map.Entry<Integer, Held> e : byFd.entrySet()) {
      Held h = e.getValue();
      if (h.directory()
          && h.preopen().equals(dir.preopen())
          && host.startsWith(h.host())
          && (base == null || h.host().getNameCount() > base.host().getNameCount())
          && h.now() instanceof Host) {
        best = e.getKey();
        base = h;
      }
    }
    return best;
  }
}
