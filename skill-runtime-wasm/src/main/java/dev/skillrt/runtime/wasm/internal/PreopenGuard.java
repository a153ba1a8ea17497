package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Wraps Chicory's WASI file functions to add what Chicory 1.7.5 does not do by itself:
 *
 * <ul>
 *   <li><b>read-only preopens</b>: under a read-only folder, opening for writing, creating,
 *       truncating, deleting, renaming, linking, changing times or sizes fails with {@code
 *       EROFS};
 *   <li><b>containment</b>: Chicory refuses {@code ../} lexically but follows symbolic links
 *       wherever they point; here every path is resolved on the host (links included) and must
 *       stay inside its preopen's real root, else {@code ENOTCAPABLE}.
 * </ul>
 *
 * <p>It tracks which preopen every directory and file descriptor comes from (preopens are fds 3,
 * 4, ... in the order given to WASI; {@code path_open}, {@code fd_close} and {@code fd_renumber}
 * keep the table current). One guard per call; used only by the call's thread.
 */
public final class PreopenGuard {

  // Values from the WASI preview 1 specification (Chicory keeps its constants package-private).
  private static final int EROFS = 69;
  private static final int ENOTCAPABLE = 76;
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

  /** Where a descriptor points: a host path under a preopen. */
  private record Handle(Path host, Preopen preopen) {}

  private final Map<Integer, Handle> handles = new HashMap<>();

  /**
   * @param preopens in the order they were given to WASI
   */
  public PreopenGuard(List<Preopen> preopens) {
    for (int i = 0; i < preopens.size(); i++) {
      Preopen p = preopens.get(i);
      handles.put(FIRST_PREOPEN_FD + i, new Handle(p.hostRoot(), p));
    }
  }

  /** WASI's host functions with the file functions guarded. */
  public List<HostFunction> wrap(HostFunction[] functions) {
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
      case "path_open" -> (inst, a) -> pathOpen(original, inst, a);
      case "path_create_directory", "path_remove_directory", "path_unlink_file" ->
          (inst, a) -> checked(original, inst, a, check(inst, a[0], a[1], a[2], true, false));
      case "path_filestat_get" ->
          (inst, a) -> checked(original, inst, a, check(inst, a[0], a[2], a[3], false, follows(a[1])));
      case "path_filestat_set_times" ->
          (inst, a) -> checked(original, inst, a, check(inst, a[0], a[2], a[3], true, follows(a[1])));
      case "path_readlink" ->
          (inst, a) -> checked(original, inst, a, check(inst, a[0], a[1], a[2], false, false));
      case "path_link" ->
          (inst, a) ->
              checked(
                  original,
                  inst,
                  a,
                  first(
                      check(inst, a[0], a[2], a[3], true, follows(a[1])),
                      check(inst, a[4], a[5], a[6], true, false)));
      case "path_rename" ->
          (inst, a) ->
              checked(
                  original,
                  inst,
                  a,
                  first(
                      check(inst, a[0], a[1], a[2], true, false),
                      check(inst, a[3], a[4], a[5], true, false)));
      case "path_symlink" ->
          (inst, a) ->
              checked(
                  original,
                  inst,
                  a,
                  first(
                      check(inst, a[2], a[0], a[1], true, true),
                      check(inst, a[2], a[3], a[4], true, false)));
      case "fd_write", "fd_pwrite", "fd_allocate", "fd_filestat_set_size",
          "fd_filestat_set_times" ->
          (inst, a) -> checked(original, inst, a, readOnlyFd(a[0]) ? EROFS : 0);
      case "fd_close" -> (inst, a) -> fdClose(original, inst, a);
      case "fd_renumber" -> (inst, a) -> fdRenumber(original, inst, a);
      default -> null;
    };
  }

  private long[] pathOpen(WasmFunctionHandle original, Instance inst, long[] a) {
    int oflags = (int) a[4];
    long rights = a[5];
    int fdFlags = (int) a[7];
    boolean writes =
        (oflags & (OFLAG_CREAT | OFLAG_TRUNC)) != 0
            || (rights & WRITE_RIGHTS) != 0
            || (fdFlags & FDFLAG_APPEND) != 0;
    Handle dir = handles.get((int) a[0]);
    if (dir == null) {
      return original.apply(inst, a);
    }
    String raw = inst.memory().readString((int) a[2], (int) a[3]);
    Resolution r = resolve(dir, raw, follows(a[1]));
    if (r.errno != 0) {
      return new long[] {r.errno};
    }
    if (writes && dir.preopen().readOnly()) {
      return new long[] {EROFS};
    }
    long[] result = original.apply(inst, a);
    if (result.length > 0 && result[0] == 0 && r.host != null) {
      int fd = inst.memory().readInt((int) a[8]);
      handles.put(fd, new Handle(r.host, dir.preopen()));
    }
    return result;
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

  private static long[] checked(
      WasmFunctionHandle original, Instance inst, long[] args, int errno) {
    return errno != 0 ? new long[] {errno} : original.apply(inst, args);
  }

  private static int first(int a, int b) {
    return a != 0 ? a : b;
  }

  private static boolean follows(long lookupFlags) {
    return (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0;
  }

  private boolean readOnlyFd(long fd) {
    Handle h = handles.get((int) fd);
    return h != null && h.preopen().readOnly();
  }

  /** 0 when the call may go on; else the errno to return. */
  private int check(Instance inst, long dirFd, long ptr, long len, boolean writes, boolean follow) {
    Handle dir = handles.get((int) dirFd);
    if (dir == null) {
      return 0; // not a directory we know: Chicory answers EBADF or ENOTDIR itself
    }
    String raw = inst.memory().readString((int) ptr, (int) len);
    Resolution r = resolve(dir, raw, follow);
    if (r.errno != 0) {
      return r.errno;
    }
    return writes && dir.preopen().readOnly() ? EROFS : 0;
  }

  private record Resolution(int errno, @Nullable Path host) {}

  /**
   * Where {@code raw} lands on the host, following links as the host would: the deepest existing
   * ancestor is resolved to its real path, then the rest appended. Outside the root is refused.
   * An absolute or malformed path is left to Chicory, which refuses it.
   */
  private static Resolution resolve(Handle dir, String raw, boolean followLast) {
    Path target;
    try {
      Path relative = dir.host().getFileSystem().getPath(raw);
      if (relative.isAbsolute()) {
        return new Resolution(0, null);
      }
      target = dir.host().resolve(relative).normalize();
    } catch (InvalidPathException e) {
      return new Resolution(0, null);
    }
    Path real;
    try {
      real = realPath(target, followLast);
    } catch (IOException e) {
      return new Resolution(ENOTCAPABLE, null);
    }
    Path root = dir.preopen().hostRoot();
    if (!real.startsWith(root)) {
      return new Resolution(ENOTCAPABLE, null);
    }
    return new Resolution(0, real);
  }

  private static Path realPath(Path target, boolean followLast) throws IOException {
    Path parent = target.getParent();
    Path name = target.getFileName();
    if (parent == null || name == null) {
      return target.toRealPath();
    }
    Path candidate = existingRealPath(parent).resolve(name);
    if (followLast && Files.isSymbolicLink(candidate) && Files.exists(candidate)) {
      return candidate.toRealPath();
    }
    if (followLast && Files.isSymbolicLink(candidate)) {
      // a dangling link: where it would point once created
      Path link = Files.readSymbolicLink(candidate);
      return existingRealPath(candidate.getParent().resolve(link).normalize());
    }
    return candidate;
  }

  private static Path existingRealPath(Path path) throws IOException {
    Path existing = path;
    List<Path> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      rest.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IOException("no existing ancestor of " + path);
    }
    Path real = existing.toRealPath();
    for (Path part : rest) {
      real = real.resolve(part);
    }
    return real;
  }
}
