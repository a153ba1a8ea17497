package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.Host;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.LeftToChicory;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.Refused;
import dev.skillrt.runtime.wasm.internal.PreopenPaths.Resolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Puts Chicory's WASI file functions behind what Chicory 1.7.5 does not do by itself:
 *
 * <ul>
 *   <li><b>read-only preopens</b>: under a read-only folder, opening for writing, creating,
 *       truncating, deleting, renaming, linking, changing times or sizes fails with {@code
 *       EROFS};
 *   <li><b>containment, judged on what is opened</b>: every guest path of a {@code path_*}
 *       function is resolved here ({@link PreopenPaths}: links resolved against their own folder,
 *       never leaving the preopen, else {@code ENOTCAPABLE}), and Chicory is then handed that
 *       resolved path, with no link left to follow, instead of the module's. Chicory alone would
 *       resolve a relative link target against the JVM's working folder.
 * </ul>
 *
 * <p>It tracks which preopen and host folder every descriptor comes from (preopens are fds 3,
 * 4, ... in the order given to WASI; {@code path_open}, {@code fd_close} and {@code fd_renumber}
 * keep the table current). One guard per call; used only by the call's thread.
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
  private static final int FIRST_PREOPEN_FD = 3;

  /** Where a descriptor points: a real host path under a preopen. */
  private record Handle(Path host, Preopen preopen, boolean directory) {}

  /**
   * A guest path rewritten for Chicory: relative to folder descriptor {@code fd}, with no link
   * left to follow; {@code host} is where it lands (null when the path is passed on unjudged,
   * for Chicory to refuse). A non-zero {@code errno} means refused.
   */
  private record Rewritten(int fd, String path, @Nullable Path host, int errno) {
    static Rewritten refused(int errno) {
      return new Rewritten(-1, "", null, errno);
    }

    boolean isRefused() {
      return errno != Errno.SUCCESS;
    }
  }

  private final Map<Integer, Handle> handles = new HashMap<>();
  private @Nullable WasiPreview1 wasi;

  /**
   * @param preopens in the order they were given to WASI
   */
  public PreopenGuard(List<Preopen> preopens) {
    for (int i = 0; i < preopens.size(); i++) {
      Preopen p = preopens.get(i);
      handles.put(FIRST_PREOPEN_FD + i, new Handle(p.hostRoot(), p, true));
    }
  }

  /** WASI's host functions with the file functions guarded. */
  public List<HostFunction> wrap(WasiPreview1 wasi) {
    this.wasi = wasi;
    HostFunction[] functions = wasi.toHostFunctions();
    List<HostFunction> out = new ArrayList<>(functions.length);
    for (HostFunction f : functions) {
      WasmFunctionHandle guarded = guard(f.name(), f.handle());
      out.add(
          guarded == null
              ? f
              : new HostFunction(f.module(), f.name(), f.functionType(), guarded));
    }
    return out;
  }

  private @Nullable WasmFunctionHandle guard(String name, WasmFunctionHandle original) {
    return switch (name) {
      case "path_open" -> this::pathOpen;
      case "path_create_directory" ->
          (inst, a) ->
              onePath(
                  inst, a[0], a[1], a[2], false, true,
                  w -> chicory().pathCreateDirectory(w.fd(), w.path()));
      case "path_remove_directory" ->
          (inst, a) ->
              onePath(
                  inst, a[0], a[1], a[2], false, true,
                  w ->
                      notTheRoot(w)
                          ? chicory().pathRemoveDirectory(w.fd(), w.path())
                          : Errno.EBUSY);
      case "path_unlink_file" ->
          (inst, a) ->
              onePath(
                  inst, a[0], a[1], a[2], false, true,
                  w -> chicory().pathUnlinkFile(w.fd(), w.path()));
      case "path_filestat_get" ->
          (inst, a) ->
              onePath(
                  inst, a[0], a[2], a[3], follows(a[1]), false,
                  w ->
                      chicory()
                          .pathFilestatGet(
                              inst.memory(), w.fd(), noFollow(a[1]), w.path(), (int) a[4]));
      case "path_filestat_set_times" ->
          // Chicory follows a link here whatever the flags say, so the path is judged as followed
          (inst, a) ->
              onePath(
                  inst, a[0], a[2], a[3], true, true,
                  w ->
                      chicory()
                          .pathFilestatSetTimes(
                              w.fd(), noFollow(a[1]), w.path(), a[4], a[5], (int) a[6]));
      case "path_readlink" ->
          (inst, a) -> onePath(inst, a[0], a[1], a[2], false, false, w -> readlink(inst, w, a));
      case "path_link" -> this::pathLink;
      case "path_rename" -> this::pathRename;
      case "path_symlink" -> this::pathSymlink;
      case "fd_write", "fd_pwrite", "fd_allocate", "fd_filestat_set_size",
          "fd_filestat_set_times" ->
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
                (int) a[8]);
    if (rc == Errno.SUCCESS) {
      int fd = memory.readInt((int) a[8]);
      Handle dir = handles.get(dirFd);
      if (host == null || dir == null) {
        // never expected (Chicory refuses what is passed on unjudged); fail closed rather than
        // leave a descriptor this guard does not know
        chicory().fdClose(fd);
        return result(Errno.ENOTCAPABLE);
      }
      handles.put(
          fd, new Handle(host, dir.preopen(), Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)));
    }
    return result(rc);
  }

  private long[] pathLink(Instance inst, long[] a) {
    Rewritten from = rewrite(inst, a[0], a[2], a[3], follows(a[1]), true);
    if (from.isRefused()) {
      return result(from.errno());
    }
    Rewritten to = rewrite(inst, a[4], a[5], a[6], false, true);
    if (to.isRefused()) {
      return result(to.errno());
    }
    return result(chicory().pathLink(from.fd(), noFollow(a[1]), from.path(), to.fd(), to.path()));
  }

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
    return result(chicory().pathRename(from.fd(), from.path(), to.fd(), to.path()));
  }

  /** Reads a link's whole content (Chicory returns only the last name of its target). */
  private int readlink(Instance inst, Rewritten w, long[] a) {
    if (w.host() == null) {
      return chicory()
          .pathReadlink(inst.memory(), w.fd(), w.path(), (int) a[3], (int) a[4], (int) a[5]);
    }
    byte[] content;
    try {
      content = Files.readSymbolicLink(w.host()).toString().getBytes(StandardCharsets.UTF_8);
    } catch (NotLinkException e) {
      return Errno.EINVAL;
    } catch (NoSuchFileException e) {
      return Errno.ENOENT;
    } catch (IOException | UnsupportedOperationException e) {
      return Errno.EIO;
    }
    int used = Math.min(content.length, (int) a[4]);
    inst.memory().write((int) a[3], content, 0, used);
    inst.memory().writeI32((int) a[5], used);
    return Errno.SUCCESS;
  }

  /**
   * Makes a link with its target kept exactly as given (Chicory would store an absolute host
   * path). A target that resolves outside the link's preopen, seen from the link's folder, is
   * refused; one that does not exist yet is fine (it is judged again whenever it is followed).
   */
  private long[] pathSymlink(Instance inst, long[] a) {
    String target = inst.memory().readString((int) a[0], (int) a[1]);
    Rewritten w = rewrite(inst, a[2], a[3], a[4], false, true);
    if (w.isRefused()) {
      return result(w.errno());
    }
    Path link = w.host();
    Handle dir = handles.get((int) a[2]);
    if (link == null || dir == null) {
      return result(chicory().pathSymlink(target, w.fd(), w.path()));
    }
    if (target.isEmpty()) {
      return result(Errno.ENOENT);
    }
    Resolution r = PreopenPaths.resolveTarget(link.getParent(), dir.preopen().hostRoot(), target);
    if (r instanceof Refused refused && refused.errno() == Errno.ENOTCAPABLE) {
      return result(Errno.ENOTCAPABLE);
    }
    try {
      Files.createSymbolicLink(link, link.getFileSystem().getPath(target));
      return result(Errno.SUCCESS);
    } catch (FileAlreadyExistsException e) {
      return result(Errno.EEXIST);
    } catch (NoSuchFileException e) {
      return result(Errno.ENOENT);
    } catch (AccessDeniedException e) {
      return result(Errno.EACCES);
    } catch (UnsupportedOperationException e) {
      return result(Errno.ENOTSUP);
    } catch (IOException | InvalidPathException e) {
      return result(Errno.EIO);
    }
  }

  private long[] fdClose(WasmFunctionHandle original, Instance inst, long[] a) {
    long[] result = original.apply(inst, a);
    if (result.length > 0 && result[0] == 0) {
      handles.remove((int) a[0]);
    }
    return result;
  }

  private long[] fdRenumber(WasmFunctionHandle original, Instance inst, long[] a) {
    long[] result = original.apply(inst, a);
    if (result.length > 0 && result[0] == 0) {
      Handle moved = handles.remove((int) a[0]);
      if (moved == null) {
        handles.remove((int) a[1]);
      } else {
        handles.put((int) a[1], moved);
      }
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
    Handle dir = handles.get((int) dirFd);
    if (dir == null || !dir.directory()) {
      return new Rewritten((int) dirFd, raw, null, Errno.SUCCESS);
    }
    Resolution r = PreopenPaths.resolve(dir.host(), dir.preopen().hostRoot(), raw, followLast);
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
    // Chicory resolves the rewritten path lexically under a folder descriptor: take the closest
    // folder of the same preopen that holds it (normally the module's own folder descriptor).
    int baseFd = (int) dirFd;
    Handle base = host.startsWith(dir.host()) ? dir : null;
    if (base == null) {
      for (Map.Entry<Integer, Handle> e : handles.entrySet()) {
        Handle h = e.getValue();
        if (h.directory()
            && h.preopen().equals(dir.preopen())
            && host.startsWith(h.host())
            && (base == null || h.host().getNameCount() > base.host().getNameCount())) {
          baseFd = e.getKey();
          base = h;
        }
      }
    }
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
    Handle dir = handles.get(w.fd());
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
    Handle h = handles.get((int) fd);
    return h != null && h.preopen().readOnly();
  }
}
