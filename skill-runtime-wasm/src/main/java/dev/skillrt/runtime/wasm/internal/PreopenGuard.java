package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.skillrt.runtime.wasm.internal.HeldDescriptors.Held;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.Host;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.LeftToChicory;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.Refused;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.Resolution;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Puts Chicory's WASI file functions behind what Chicory 1.7.5 does not do by itself:
 *
 * <ul>
 *   <li><b>read-only preopens</b>: under a read-only folder, opening for writing, creating,
 *       truncating, deleting, renaming, linking, changing times or sizes fails with {@code EROFS};
 *   <li><b>containment, judged on what is opened</b>: every guest path of a {@code path_*} function
 *       is resolved here ({@link PreopenPaths}: links resolved against their own folder, never
 *       leaving the preopen, else {@code ENOTCAPABLE}), and Chicory is then handed that resolved
 *       path, with no link left to follow, instead of the module's. Chicory alone would resolve a
 *       relative link target against the JVM's working folder;
 *   <li><b>descriptors judged on what their path names now</b>: a descriptor is remembered as a
 *       path relative to its preopen's real root, walked again from the root whenever the
 *       descriptor is used ({@code path_*} relative to it, {@code fd_readdir}, {@code
 *       fd_filestat_get}, {@code fd_filestat_set_times}); when a name on that path is now a
 *       symbolic link or no longer a folder, the call is refused with {@code ENOTCAPABLE}, and with
 *       {@code ENOENT} when it is gone. Chicory keeps only a host path per descriptor, which the OS
 *       would resolve through whatever now stands on it;
 *   <li><b>links a module makes stay inside</b> ({@link LinkTargetRule}), now and later;
 *   <li><b>only regular files and folders are opened</b> ({@link SpecialFiles}): opening a FIFO,
 *       socket or device, or setting its times (the JDK opens the file for that), fails with {@code
 *       ENOTSUP} without touching it; the path being opened is told to the call's {@link
 *       HostCallWatch}, so that a FIFO put there after the look can be released.
 * </ul>
 *
 * <p>It tracks which preopen and path every descriptor comes from ({@link HeldDescriptors}). One
 * guard per call; used only by the call's thread.
 */
public final class PreopenGuard {

  // Values from the WASI preview 1 specification (Chicory keeps its constants package-private).
  private static final long RIGHT_FD_WRITE = 1L << 6;
  private static final long RIGHT_FD_ALLOCATE = 1L << 8;
  private static final long RIGHT_FD_FILESTAT_SET_SIZE = 1L << 22;
  private static final long WRITE_RIGHTS =
      RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE;
  private static final int OFLAG_CREAT = 1;
  private static final int OFLAG_TRUNC = 8;
  private static final int FDFLAG_APPEND = 1;
  private static final int LOOKUP_SYMLINK_FOLLOW = 1;

  /**
   * A guest path rewritten for Chicory: relative to folder descriptor {@code fd}, with no link left
   * to follow; {@code host} is where it lands (null when the path is passed on unjudged, for
   * Chicory to refuse). A non-zero {@code errno} means refused.
   */
  private record Rewritten(int fd, String path, @Nullable Path host, int errno) {
    static Rewritten refused(int errno) {
      return new Rewritten(-1, "", null, errno);
    }

    boolean isRefused() {
      return errno != Errno.SUCCESS;
    }
  }

  private final HeldDescriptors handles;
  private final HostCallWatch watch;
  private @Nullable WasiPreview1 wasi;

  /**
   * @param preopens in the order they were given to WASI
   * @param watch told which host path is being opened, while it is
   */
  public PreopenGuard(List<Preopen> preopens, HostCallWatch watch) {
    this.handles = new HeldDescriptors(preopens);
    this.watch = watch;
  }

  /** Those of WASI's host functions that {@code kept} keeps, with the file functions guarded. */
  public List<HostFunction> wrap(WasiPreview1 wasi, Function<HostFunction[], boolean[]> kept) {
    this.wasi = wasi;
    HostFunction[] functions = wasi.toHostFunctions();
    boolean[] keep = kept.apply(functions);
    List<HostFunction> out = new ArrayList<>();
    for (int i = 0; i < functions.length; i++) {
      HostFunction f = functions[i];
      if (!keep[i]) {
        continue;
      }
      WasmFunctionHandle guarded = guard(f.name(), f.handle());
      out.add(
          guarded == null ? f : new HostFunction(f.module(), f.name(), f.functionType(), guarded));
    }
    return out;
  }

  private @Nullable WasmFunctionHandle guard(String name, WasmFunctionHandle original) {
    return switch (name) {
      case "path_open" -> this::pathOpen;
      case "path_create_directory" ->
          (inst, a) ->
              onePath(
                  inst,
                  a[0],
                  a[1],
                  a[2],
                  false,
                  true,
                  w -> chicory().pathCreateDirectory(w.fd(), w.path()));
      case "path_remove_directory" ->
          (inst, a) ->
              onePath(
                  inst,
                  a[0],
                  a[1],
                  a[2],
                  false,
                  true,
                  w ->
                      notTheRoot(w)
                          ? chicory().pathRemoveDirectory(w.fd(), w.path())
                          : Errno.EBUSY);
      case "path_unlink_file" ->
          (inst, a) ->
              onePath(
                  inst,
                  a[0],
                  a[1],
                  a[2],
                  false,
                  true,
                  w -> chicory().pathUnlinkFile(w.fd(), w.path()));
      case "path_filestat_get" ->
          (inst, a) ->
              onePath(
                  inst,
                  a[0],
                  a[2],
                  a[3],
                  follows(a[1]),
                  false,
                  w ->
                      chicory()
                          .pathFilestatGet(
                              inst.memory(), w.fd(), noFollow(a[1]), w.path(), (int) a[4]));
      case "path_filestat_set_times" -> this::pathSetTimes;
      case "path_readlink" ->
          (inst, a) -> onePath(inst, a[0], a[1], a[2], false, false, w -> readlink(inst, w, a));
      case "path_link" -> this::pathLink;
      case "path_rename" -> this::pathRename;
      case "path_symlink" -> this::pathSymlink;
      case "fd_readdir", "fd_filestat_get" -> (inst, a) -> heldNow(original, inst, a);
      case "fd_filestat_set_times" ->
          (inst, a) -> readOnlyFd(a[0]) ? result(Errno.EROFS) : fdSetTimes(original, inst, a);
      case "fd_write", "fd_pwrite", "fd_allocate", "fd_filestat_set_size" ->
          (inst, a) -> readOnlyFd(a[0]) ? result(Errno.EROFS) : original.apply(inst, a);
      case "fd_close" -> (inst, a) -> fdClose(original, inst, a);
      case "fd_renumber" -> (inst, a) -> fdRenumber(original, inst, a);
      default -> null;
    };
  }

  /** Judges and rewrites one guest path, then runs {@code call} on it unless it was refused. */
  private long[] onePath(
      Instance inst,
      long dirFd,
      long ptr,
      long len,
      boolean followLast,
      boolean writes,
      ToIntFunction<Rewritten> call) {
    Rewritten w = rewrite(inst, dirFd, ptr, len, followLast, writes);
    return result(w.isRefused() ? w.errno() : call.applyAsInt(w));
  }

  private long[] pathOpen(Instance inst, long[] a) {
    int dirFd = (int) a[0];
    int lookup = (int) a[1];
    int oflags = (int) a[4];
    long rights = a[5];
    int fdFlags = (int) a[7];
    boolean writes =
        (oflags & (OFLAG_CREAT | OFLAG_TRUNC)) != 0
            || (rights & WRITE_RIGHTS) != 0
            || (fdFlags & FDFLAG_APPEND) != 0;
    Rewritten w = rewrite(inst, a[0], a[2], a[3], follows(lookup), writes);
    if (w.isRefused()) {
      return result(w.errno());
    }
    Memory memory = inst.memory();
    Path host = w.host();
    int rc =
        opening(
            host,
            () ->
                chicory()
                    .pathOpen(
                        memory,
                        w.fd(),
                        host == null ? lookup : noFollow(lookup),
                        w.path(),
                        oflags,
                        rights,
                        a[6],
                        fdFlags,
                        (int) a[8]));
    if (rc == Errno.SUCCESS) {
      int fd = memory.readInt((int) a[8]);
      Held dir = handles.get(dirFd);
      if (host == null || dir == null) {
        // never expected (Chicory refuses what is passed on unjudged); fail closed rather than
        // leave a descriptor this guard does not know
        chicory().fdClose(fd);
        return result(Errno.ENOTCAPABLE);
      }
      if (SpecialFiles.refusal(host) == Errno.ENOTSUP) {
        // made a FIFO after the look, and opened once something (a release) opened its other end
        chicory().fdClose(fd);
        return result(Errno.ENOTSUP);
      }
      handles.opened(fd, dir.preopen(), host, Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS));
    }
    return result(rc);
  }

  /** Runs a Chicory function that opens {@code host} (null: passed on unjudged, not opened). */
  private int opening(@Nullable Path host, IntSupplier open) {
    return host == null ? open.getAsInt() : SpecialFiles.open(host, watch, open);
  }

  /**
   * Sets a descriptor's times, which Chicory does through the descriptor's path (by opening it):
   * judged on what that path names now.
   */
  private long[] fdSetTimes(WasmFunctionHandle original, Instance inst, long[] a) {
    Held h = handles.get((int) a[0]);
    if (h == null) {
      return original.apply(inst, a);
    }
    Resolution now = h.now();
    if (now instanceof Refused refused) {
      return result(refused.errno());
    }
    return result(opening(((Host) now).path(), () -> (int) original.apply(inst, a)[0]));
  }

  /**
   * Makes a hard link. A hard link of a symbolic link (not followed) is a new link at a new place,
   * whose target is then read from the new folder: judged as if the module made it there.
   */
  private long[] pathLink(Instance inst, long[] a) {
    Rewritten from = rewrite(inst, a[0], a[2], a[3], follows(a[1]), true);
    if (from.isRefused()) {
      return result(from.errno());
    }
    Rewritten to = rewrite(inst, a[4], a[5], a[6], false, true);
    if (to.isRefused()) {
      return result(to.errno());
    }
    Path source = from.host();
    Path link = to.host();
    if (link != null && !to.path().endsWith("/") && Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      // Chicory asks whether the new name exists following links: a dangling link there is
      // taken for nothing and the JDK's refusal then reported as EIO (upstream:
      // github.com/dylibso/chicory, WasiPreview1.pathLink)
      return result(Errno.EEXIST);
    }
    Held toDir = handles.get(to.fd());
    if (source != null && link != null && toDir != null) {
      int refused = HostLinks.judgeCopy(toDir.preopen().hostRoot(), source, link);
      if (refused != Errno.SUCCESS) {
        return result(refused);
      }
    }
    return result(chicory().pathLink(from.fd(), noFollow(a[1]), from.path(), to.fd(), to.path()));
  }

  /**
   * Renames, within one preopen ({@link HostRenames}: Chicory 1.7.5 refuses every rename). Moving
   * between two preopens is refused with {@code EXDEV}, as between two file systems: a link judged
   * against one preopen's root is never carried into another. Descriptors held below a moved folder
   * then name what is at their old path (or are refused), not what was moved.
   */
  private long[] pathRename(Instance inst, long[] a) {
    Rewritten from = rewrite(inst, a[0], a[1], a[2], false, true);
    if (from.isRefused()) {
      return result(from.errno());
    }
    Rewritten to = rewrite(inst, a[3], a[4], a[5], false, true);
    if (to.isRefused()) {
      return result(to.errno());
    }
    if (!notTheRoot(from) || !notTheRoot(to)) {
      return result(Errno.EBUSY);
    }
    Held fromDir = handles.get(from.fd());
    Held toDir = handles.get(to.fd());
    if (from.host() == null || to.host() == null || fromDir == null || toDir == null) {
      return result(chicory().pathRename(from.fd(), from.path(), to.fd(), to.path()));
    }
    if (!fromDir.preopen().equals(toDir.preopen())) {
      return result(Errno.EXDEV);
    }
    return result(
        HostRenames.rename(
            fromDir.preopen().hostRoot(),
            from.host(),
            from.path().endsWith("/"),
            to.host(),
            to.path().endsWith("/")));
  }

  /**
   * Sets a path's times. Chicory follows a final link whatever the flags say; without {@code
   * SYMLINK_FOLLOW} the link's own times are set here ({@link LinkTimes}).
   */
  private long[] pathSetTimes(Instance inst, long[] a) {
    boolean follow = follows(a[1]);
    Rewritten w = rewrite(inst, a[0], a[2], a[3], follow, true);
    if (w.isRefused()) {
      return result(w.errno());
    }
    Path host = w.host();
    if (!follow && host != null && Files.isSymbolicLink(host)) {
      return result(LinkTimes.set(host, a[4], a[5], (int) a[6]));
    }
    return result(
        opening(
            host,
            () ->
                chicory()
                    .pathFilestatSetTimes(
                        w.fd(), noFollow(a[1]), w.path(), a[4], a[5], (int) a[6])));
  }

  /** Reads a link's whole content (Chicory returns only the last name of its target). */
  private int readlink(Instance inst, Rewritten w, long[] a) {
    if (w.host() == null) {
      return chicory()
          .pathReadlink(inst.memory(), w.fd(), w.path(), (int) a[3], (int) a[4], (int) a[5]);
    }
    return HostLinks.read(w.host(), inst.memory(), (int) a[3], (int) a[4], (int) a[5]);
  }

  /** Makes a link with its target kept as the module gave it ({@link HostLinks#create}). */
  private long[] pathSymlink(Instance inst, long[] a) {
    String target = inst.memory().readString((int) a[0], (int) a[1]);
    Rewritten w = rewrite(inst, a[2], a[3], a[4], false, true);
    if (w.isRefused()) {
      return result(w.errno());
    }
    Path link = w.host();
    Held dir = handles.get((int) a[2]);
    if (link == null || dir == null) {
      return result(chicory().pathSymlink(target, w.fd(), w.path()));
    }
    if (w.path().endsWith("/")) {
      // a link is never a folder: as on Linux, EEXIST over a folder, ENOTDIR over anything
      // else, ENOENT over nothing (Java would drop the slash and make the link; upstream:
      // github.com/dylibso/chicory, WasiPreview1.pathSymlink)
      if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
        return result(Errno.EEXIST);
      }
      return result(Files.exists(link, LinkOption.NOFOLLOW_LINKS) ? Errno.ENOTDIR : Errno.ENOENT);
    }
    return result(HostLinks.create(dir.preopen().hostRoot(), link, target));
  }

  /** Runs an {@code fd_*} function that Chicory answers from the descriptor's host path. */
  private long[] heldNow(WasmFunctionHandle original, Instance inst, long[] a) {
    Held h = handles.get((int) a[0]);
    if (h != null && h.now() instanceof Refused refused) {
      return result(refused.errno());
    }
    return original.apply(inst, a);
  }

  private long[] fdClose(WasmFunctionHandle original, Instance inst, long[] a) {
    long[] result = original.apply(inst, a);
    if (result.length > 0 && result[0] == 0) {
      handles.closed((int) a[0]);
    }
    return result;
  }

  private long[] fdRenumber(WasmFunctionHandle original, Instance inst, long[] a) {
    long[] result = original.apply(inst, a);
    if (result.length > 0 && result[0] == 0) {
      handles.renumbered((int) a[0], (int) a[1]);
    }
    return result;
  }

  /**
   * The guest path {@code (ptr, len)} relative to folder {@code dirFd}, judged and rewritten for
   * Chicory.
   *
   * <p>A descriptor this guard does not know as a folder is passed on unchanged, and Chicory
   * answers {@code EBADF} or {@code ENOTDIR}; so is a path Chicory refuses by itself.
   */
  private Rewritten rewrite(
      Instance inst, long dirFd, long ptr, long len, boolean followLast, boolean writes) {
    String raw = inst.memory().readString((int) ptr, (int) len);
    Held dir = handles.get((int) dirFd);
    if (dir == null || !dir.directory()) {
      return new Rewritten((int) dirFd, raw, null, Errno.SUCCESS);
    }
    Resolution folder = dir.now();
    if (folder instanceof Refused refused) {
      return Rewritten.refused(refused.errno());
    }
    Resolution r =
        PreopenPaths.resolve(((Host) folder).path(), dir.preopen().hostRoot(), raw, followLast);
    if (r instanceof LeftToChicory) {
      return new Rewritten((int) dirFd, raw, null, Errno.SUCCESS);
    }
    if (r instanceof Refused refused) {
      return Rewritten.refused(refused.errno());
    }
    Path host = ((Host) r).path();
    if (writes && dir.preopen().readOnly()) {
      return Rewritten.refused(Errno.EROFS);
    }
    int baseFd = handles.closestFolder((int) dirFd, host);
    Held base = handles.get(baseFd);
    if (base == null) {
      return Rewritten.refused(Errno.ENOTCAPABLE);
    }
    String path = base.host().relativize(host).toString();
    if (raw.endsWith("/") && !path.isEmpty()) {
      path += "/";
    }
    return new Rewritten(baseFd, path, host, Errno.SUCCESS);
  }

  /** Whether a path is not a preopen's own folder (removing or renaming that is refused). */
  private boolean notTheRoot(Rewritten w) {
    Held dir = handles.get(w.fd());
    return w.host() == null || dir == null || !w.host().equals(dir.preopen().hostRoot());
  }

  private WasiPreview1 chicory() {
    if (wasi == null) {
      throw new IllegalStateException("PreopenGuard.wrap was not called");
    }
    return wasi;
  }

  private static long[] result(int errno) {
    return new long[] {errno};
  }

  private static boolean follows(long lookupFlags) {
    return (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0;
  }

  private static int noFollow(long lookupFlags) {
    return (int) lookupFlags & ~LOOKUP_SYMLINK_FOLLOW;
  }

  private boolean readOnlyFd(long fd) {
    Held h = handles.get((int) fd);
    return h != null && h.preopen().readOnly();
  }
}
