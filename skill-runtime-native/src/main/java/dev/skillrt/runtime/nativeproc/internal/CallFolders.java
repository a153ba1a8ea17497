package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.Mount;
import dev.skillrt.api.internal.BackgroundWorkers;
import dev.skillrt.spi.PrivateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fresh folders of one runtime's calls, made and removed off the calling thread: making and
 * removing a folder can take milliseconds on a disk that discards freed blocks at once, and a call
 * should not wait for it.
 *
 * <p>A few folders are made ahead, each in the checked work root ({@link WorkingFolder#create}),
 * each given to exactly one call and never used again. When a call takes one, the work root must
 * still be the folder it was made in (same file, still the JVM user's and closed to others) and the
 * folder must still be a private folder of the JVM's user; otherwise the call gets a folder made
 * there and then, as without this class. An ended call's folder is removed by a worker after its
 * process tree is gone ({@link WorkingFolder#deleteIfTemporary}); past {@value #BACKLOG} waiting
 * removals, or once closed, the caller removes its own. {@link #close()} waits for every removal
 * and removes the folders made ahead.
 */
public final class CallFolders implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CallFolders.class);

  private static final int AHEAD = 4;

  private static final int BACKLOG = 64;

  /**
   * Workers that make and remove folders. Their time is mostly spent waiting for the disk (a
   * removal waited 2.6 ms on a disk that discards freed blocks, for 0.26 ms of CPU), so more
   * workers than cores keep up with many calls at once.
   */
  private static final int WORKERS = 6;

  private static final long CLOSE_WAIT_SECONDS = 30;

  private record Ahead(Path folder, Path root, Object rootKey) {}

  private final Path workRoot;
  private final BlockingQueue<Ahead> ready = new ArrayBlockingQueue<>(AHEAD);
  private final AtomicBoolean filling = new AtomicBoolean();
  private final BackgroundWorkers workers;
  private volatile boolean closed;

  public CallFolders(Path workRoot) {
    this.workRoot = workRoot;
    this.workers = new BackgroundWorkers("skillrt-native-folders", WORKERS, BACKLOG);
  }

  /**
   * The folder for a request: the one it names inside its mounts, else a fresh one.
   *
   * @param owner uid:gid to hand a fresh folder to (the sandbox user), or empty to keep the JVM's
   */
  public WorkingFolder take(Optional<String> requested, List<Mount> mounts, Optional<int[]> owner)
      throws IOException {
    if (requested.isPresent()) {
      return WorkingFolder.create(workRoot, requested, mounts, owner);
    }
    Ahead ahead = ready.poll();
    if (ahead == null) {
      startFilling();
    }
    if (ahead != null && stillPrivate(ahead)) {
      return WorkingFolder.fresh(ahead.folder(), owner);
    }
    if (ahead != null) {
      LOG.warn("a call folder made ahead was changed or its work root replaced; not using it");
      if (sameRoot(ahead)) {
        // changed in a work root still ours: removed as it is now, never following a link
        delete(new WorkingFolder(ahead.folder(), ahead.folder().toString(), true));
      }
    }
    return WorkingFolder.create(workRoot, Optional.empty(), mounts, owner);
  }

  /** Removes an ended call's folder if it is a fresh one, now or soon. */
  public void delete(WorkingFolder folder) {
    if (!folder.temporary()) {
      return;
    }
    try {
      // the worker that removes it makes the next call's folder in the same go
      workers.execute(
          () -> {
            folder.deleteIfTemporary();
            fill();
          });
    } catch (RejectedExecutionException e) {
      folder.deleteIfTemporary();
    }
  }

  /** Waits for the removals handed over and removes the folders made ahead. */
  @Override
  public void close() {
    closed = true;
    if (!workers.closeAndWait(CLOSE_WAIT_SECONDS)) {
      LOG.warn(
          "call folders were still being removed {} s after the native runtime closed",
          CLOSE_WAIT_SECONDS);
    }
    Ahead left;
    while ((left = ready.poll()) != null) {
      new WorkingFolder(left.folder(), left.folder().toString(), true).deleteIfTemporary();
    }
  }

  /** Has a worker make folders ahead, unless one does already. */
  private void startFilling() {
    if (closed || !filling.compareAndSet(false, true)) {
      return;
    }
    try {
      workers.execute(
          () -> {
            try {
              fill();
            } finally {
              filling.set(false);
            }
          });
    } catch (RejectedExecutionException e) {
      filling.set(false);
    }
  }

  /** Makes folders until {@value #AHEAD} wait; on a worker. */
  private void fill() {
    while (!closed && ready.remainingCapacity() > 0) {
      try {
        WorkingFolder made =
            WorkingFolder.create(workRoot, Optional.empty(), List.of(), Optional.empty());
        Path root = made.hostPath().getParent();
        Object key;
        try {
          key = root == null ? null : rootKey(root);
        } catch (IOException e) {
          key = null;
        }
        if (closed
            || root == null
            || key == null
            || !ready.offer(new Ahead(made.hostPath(), root, key))) {
          made.deleteIfTemporary();
          return;
        }
      } catch (IOException e) {
        return; // the call that needs one makes it and reports what is wrong
      }
    }
  }

  /** The work root's identity, and whether it is still the JVM user's and closed to others. */
  private static Object rootKey(Path root) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(root, "unix:uid,mode,fileKey", LinkOption.NOFOLLOW_LINKS);
    Object key = a.get("fileKey");
    if (key == null
        || !Integer.valueOf(PrivateFolder.jvmUid()).equals(a.get("uid"))
        || (((Integer) a.getOrDefault("mode", 0777)) & 0022) != 0) {
      throw new IOException("the work root " + root + " is not the JVM user's private folder");
    }
    return key;
  }

  private static boolean sameRoot(Ahead ahead) {
    try {
      return rootKey(ahead.root()).equals(ahead.rootKey());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean stillPrivate(Ahead ahead) {
    if (!sameRoot(ahead)) {
      return false;
    }
    try {
      Map<String, Object> a =
          Files.readAttributes(
              ahead.folder(), "unix:uid,mode,isDirectory", LinkOption.NOFOLLOW_LINKS);
      return Boolean.TRUE.equals(a.get("isDirectory"))
          && Integer.valueOf(PrivateFolder.jvmUid()).equals(a.get("uid"))
          && (((Integer) a.getOrDefault("mode", 0777)) & 07777) == 0700;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
