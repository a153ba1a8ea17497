package dev.skillrt.runtime.nativeproc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every process one call started, found from the host's {@code /proc}: the started process, its
 * descendants, and the members of its session (which stay in the session even when their parent
 * dies). Stopped with SIGTERM, a short grace, then SIGKILL, repeated until nothing is left.
 *
 * <p>When the started process is a wrapper (bwrap, unshare) it is left to end by itself once its
 * tree is gone, so that it reaps its own child and no zombie is left behind; it is killed only if
 * it lingers. Processes are tracked as {@link ProcessHandle}s, which carry their start time, so a
 * reused pid is never signalled.
 */
public final class ProcessTree {

  private static final Path PROC = Path.of("/proc");

  private final Process root;
  private final long session;
  private final boolean rootIsWrapper;
  private final Map<Long, ProcessHandle> known = new LinkedHashMap<>();

  public ProcessTree(Process root, boolean rootIsWrapper) {
    this.root = root;
    this.session = root.pid();
    this.rootIsWrapper = rootIsWrapper;
  }

  /** Records the processes alive now, so that later orphans are still known. */
  public synchronized void snapshot() {
    collect();
  }

  /**
   * Stops the whole tree and waits until it is gone.
   *
   * @param grace how long processes get to end after SIGTERM
   */
  public synchronized void kill(Duration grace) {
    collect();
    for (ProcessHandle h : known.values()) {
      if (h.pid() != root.pid() || !rootIsWrapper) {
        h.destroy();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() < deadline && anyAlive(true)) {
      pause(5);
    }
    for (int round = 0; round < 200; round++) {
      collect();
      if (!anyAlive(!rootIsWrapper)) {
        break;
      }
      for (ProcessHandle h : known.values()) {
        if ((h.pid() != root.pid() || !rootIsWrapper) && running(h)) {
          h.destroyForcibly();
        }
      }
      pause(5);
    }
    if (rootIsWrapper) {
      try {
        if (!root.waitFor(2, TimeUnit.SECONDS)) {
          root.destroyForcibly();
        }
      } catch (InterruptedException e) {
        root.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The host pids this call is known to have had, for diagnostics. */
  public synchronized List<Long> knownPids() {
    return List.copyOf(known.keySet());
  }

  private boolean anyAlive(boolean includeRoot) {
    for (ProcessHandle h : known.values()) {
      if (!includeRoot && h.pid() == root.pid()) {
        continue;
      }
      if (running(h)) {
        return true;
      }
    }
    return false;
  }

  private void collect() {
    root.toHandle().descendants().forEach(h -> known.putIfAbsent(h.pid(), h));
    if (root.isAlive()) {
      known.putIfAbsent(root.pid(), root.toHandle());
    }
    for (ProcessHandle h : List.copyOf(known.values())) {
      if (running(h)) {
        h.descendants().forEach(d -> known.putIfAbsent(d.pid(), d));
      }
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (!known.containsKey(pid) && sessionOf(pid).orElse(-1L) == session) {
          ProcessHandle.of(pid).ifPresent(h -> known.put(pid, h));
        }
      }
    } catch (IOException | RuntimeException e) {
      // /proc unreadable: descendants alone remain the best knowledge
    }
  }

  /** Alive and not a zombie. */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    char state = stateOf(h.pid()).orElse('X');
    return state != 'Z' && state != 'X' && state != 'x';
  }

  private static Optional<String[]> statFields(long pid) {
    try {
      String stat =
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
      int close = stat.lastIndexOf(')');
      if (close < 0) {
        return Optional.empty();
      }
      return Optional.of(stat.substring(close + 2).split(" "));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Character> stateOf(long pid) {
    return statFields(pid).filter(f -> f.length > 0 && !f[0].isEmpty()).map(f -> f[0].charAt(0));
  }

  private static Optional<Long> sessionOf(long pid) {
    return statFields(pid).filter(f -> f.length > 3).map(f -> Long.parseLong(f[3]));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
