package dev.skillrt.runtime.wasm.internal;

import static dev.skillrt.runtime.wasm.internal.HostFunctions.result;
import static dev.skillrt.runtime.wasm.internal.HostFunctions.succeeded;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import dev.skillrt.runtime.wasm.internal.ChicoryDescriptors.OpenFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * WASI rights a module drops with {@code fd_fdstat_set_rights}, which Chicory 1.7.5 does not
 * implement ({@code ENOTSUP}, and an error line in its log). A descriptor starts with the rights
 * Chicory reports for it; a module may only drop rights, never regain one ({@code ENOTCAPABLE}).
 * Once dropped, the rights of that descriptor are enforced here for every function that needs one
 * ({@code ENOTCAPABLE}), {@code fd_fdstat_get} reports them, and what is opened from a folder gets
 * no right its folder no longer passes on (its inheriting rights). Descriptors whose rights were
 * never dropped are left to Chicory, which does not enforce rights.
 *
 * <p>Rights only take away: the read-only and containment rules of {@link PreopenGuard} hold
 * whatever the rights say. Belongs upstream (github.com/dylibso/chicory, {@code
 * WasiPreview1.fdFdstatSetRights}). One table per call, used only by the call's thread.
 */
final class DescriptorRights {

  // Values from the WASI preview 1 specification (Chicory keeps its constants package-private).
  static final long FD_DATASYNC = 1L;
  static final long FD_READ = 1L << 1;
  static final long FD_SEEK = 1L << 2;
  static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
  static final long FD_SYNC = 1L << 4;
  static final long FD_TELL = 1L << 5;
  static final long FD_WRITE = 1L << 6;
  static final long FD_ADVISE = 1L << 7;
  static final long FD_ALLOCATE = 1L << 8;
  static final long PATH_CREATE_DIRECTORY = 1L << 9;
  static final long PATH_CREATE_FILE = 1L << 10;
  static final long PATH_LINK_SOURCE = 1L << 11;
  static final long PATH_LINK_TARGET = 1L << 12;
  static final long PATH_OPEN = 1L << 13;
  static final long FD_READDIR = 1L << 14;
  static final long PATH_READLINK = 1L << 15;
  static final long PATH_RENAME_SOURCE = 1L << 16;
  static final long PATH_RENAME_TARGET = 1L << 17;
  static final long PATH_FILESTAT_GET = 1L << 18;
  static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
  static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
  static final long FD_FILESTAT_GET = 1L << 21;
  static final long FD_FILESTAT_SET_SIZE = 1L << 22;
  static final long FD_FILESTAT_SET_TIMES = 1L << 23;
  static final long PATH_SYMLINK = 1L << 24;
  static final long PATH_REMOVE_DIRECTORY = 1L << 25;
  static final long PATH_UNLINK_FILE = 1L << 26;
  static final long POLL_FD_READWRITE = 1L << 27;

  /** What Chicory gives a file ({@code WasiRights.FILE_RIGHTS_BASE}). */
  static final long FILE_RIGHTS =
      FD_DATASYNC
          | FD_READ
          | FD_SEEK
          | FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | FD_TELL
          | FD_WRITE
          | FD_ADVISE
          | FD_ALLOCATE
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_SIZE
          | FD_FILESTAT_SET_TIMES
          | POLL_FD_READWRITE;

  /** What Chicory gives a folder ({@code WasiRights.DIRECTORY_RIGHTS_BASE}). */
  static final long DIRECTORY_RIGHTS =
      FD_DATASYNC
          | FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | PATH_CREATE_DIRECTORY
          | PATH_CREATE_FILE
          | PATH_LINK_SOURCE
          | PATH_LINK_TARGET
          | PATH_OPEN
          | FD_READDIR
          | PATH_READLINK
          | PATH_RENAME_SOURCE
          | PATH_RENAME_TARGET
          | PATH_FILESTAT_GET
          | PATH_FILESTAT_SET_SIZE
          | PATH_FILESTAT_SET_TIMES
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_TIMES
          | PATH_SYMLINK
          | PATH_REMOVE_DIRECTORY
          | PATH_UNLINK_FILE;

  private static final int OFLAG_CREAT = 1;
  private static final int OFLAG_TRUNC = 8;

  /** A descriptor's rights: what it may do, and what descriptors opened from it may. */
  record Rights(long base, long inheriting) {
    boolean covers(Rights other) {
      return (other.base & ~base) == 0 && (other.inheriting & ~inheriting) == 0;
    }
  }

  private final ChicoryDescriptors descriptors;
  private final Map<Integer, Rights> dropped = new HashMap<>();

  DescriptorRights(ChicoryDescriptors descriptors) {
    this.descriptors = descriptors;
  }

  List<HostFunction> wrap(List<HostFunction> functions) {
    if (!descriptors.available()) {
      return functions;
    }
    return HostFunctions.replace(functions, this::replacement);
  }

  private @Nullable WasmFunctionHandle replacement(String name, WasmFunctionHandle inner) {
    return switch (name) {
      case "fd_fdstat_set_rights" -> (inst, a) -> result(set((int) a[0], new Rights(a[1], a[2])));
      case "fd_fdstat_get" -> (inst, a) -> fdstatGet(inner, inst, a);
      case "path_open" -> (inst, a) -> pathOpen(inner, inst, a);
      case "fd_close" -> (inst, a) -> after(inner.apply(inst, a), () -> dropped.remove((int) a[0]));
      case "fd_renumber" -> (inst, a) -> after(inner.apply(inst, a), () -> renumbered(a));
      case "path_link" -> needs(inner, 0, PATH_LINK_SOURCE, 4, PATH_LINK_TARGET);
      case "path_rename" -> needs(inner, 0, PATH_RENAME_SOURCE, 3, PATH_RENAME_TARGET);
      case "path_symlink" -> needs(inner, 2, PATH_SYMLINK, 2, 0);
      default -> {
        long right = rightFor(name);
        yield right == 0 ? null : needs(inner, 0, right, 0, 0);
      }
    };
  }

  /** The right an {@code fd_*} or {@code path_*} function needs of its first argument. */
  private static long rightFor(String name) {
    return switch (name) {
      case "fd_advise" -> FD_ADVISE;
      case "fd_allocate" -> FD_ALLOCATE;
      case "fd_datasync" -> FD_DATASYNC;
      case "fd_sync" -> FD_SYNC;
      case "fd_fdstat_set_flags" -> FD_FDSTAT_SET_FLAGS;
      case "fd_filestat_get" -> FD_FILESTAT_GET;
      case "fd_filestat_set_size" -> FD_FILESTAT_SET_SIZE;
      case "fd_filestat_set_times" -> FD_FILESTAT_SET_TIMES;
      case "fd_read" -> FD_READ;
      case "fd_pread" -> FD_READ | FD_SEEK;
      case "fd_write" -> FD_WRITE;
      case "fd_pwrite" -> FD_WRITE | FD_SEEK;
      case "fd_readdir" -> FD_READDIR;
      case "fd_seek" -> FD_SEEK;
      case "fd_tell" -> FD_TELL;
      case "path_create_directory" -> PATH_CREATE_DIRECTORY;
      case "path_filestat_get" -> PATH_FILESTAT_GET;
      case "path_filestat_set_times" -> PATH_FILESTAT_SET_TIMES;
      case "path_readlink" -> PATH_READLINK;
      case "path_remove_directory" -> PATH_REMOVE_DIRECTORY;
      case "path_unlink_file" -> PATH_UNLINK_FILE;
      default -> 0;
    };
  }

  private WasmFunctionHandle needs(
      WasmFunctionHandle inner, int fdArg, long right, int otherFdArg, long otherRight) {
    return (inst, a) ->
        allowed((int) a[fdArg], right) && allowed((int) a[otherFdArg], otherRight)
            ? inner.apply(inst, a)
            : result(Errno.ENOTCAPABLE);
  }

  private boolean allowed(int fd, long right) {
    Rights r = dropped.get(fd);
    return r == null || (r.base() & right) == right;
  }

  /** {@code fd_fdstat_set_rights}: keeps the rights asked for when they only drop some. */
  int set(int fd, Rights asked) {
    Rights now = rightsOf(fd);
    if (now == null) {
      return Errno.EBADF;
    }
    if (!now.covers(asked)) {
      return Errno.ENOTCAPABLE;
    }
    dropped.put(fd, asked);
    return Errno.SUCCESS;
  }

  /** The rights {@code fd} has now, or null when it is not open. */
  @Nullable Rights rightsOf(int fd) {
    Rights r = dropped.get(fd);
    return r != null ? r : chicoryRights(fd);
  }

  /** The rights Chicory reports for a descriptor ({@code WasiPreview1.fdFdstatGet}). */
  private @Nullable Rights chicoryRights(int fd) {
    return switch (descriptors.kind(fd)) {
      case NONE -> null;
      case INPUT -> new Rights(FD_READ, 0);
      case OUTPUT -> new Rights(FD_WRITE, 0);
      case DIRECTORY -> new Rights(DIRECTORY_RIGHTS, DIRECTORY_RIGHTS | FILE_RIGHTS);
      case FILE -> {
        OpenFile f = descriptors.file(fd);
        yield new Rights(f == null ? 0 : f.rights() & FILE_RIGHTS, 0);
      }
    };
  }

  private long[] fdstatGet(WasmFunctionHandle inner, Instance inst, long[] a) {
    long[] r = inner.apply(inst, a);
    Rights own = dropped.get((int) a[0]);
    if (succeeded(r) && own != null) {
      Memory memory = inst.memory();
      memory.writeLong((int) a[1] + 8, own.base());
      memory.writeLong((int) a[1] + 16, own.inheriting());
    }
    return r;
  }

  private long[] pathOpen(WasmFunctionHandle inner, Instance inst, long[] a) {
    int dirFd = (int) a[0];
    int oflags = (int) a[4];
    long needed =
        PATH_OPEN
            | ((oflags & OFLAG_CREAT) != 0 ? PATH_CREATE_FILE : 0)
            | ((oflags & OFLAG_TRUNC) != 0 ? PATH_FILESTAT_SET_SIZE : 0);
    if (!allowed(dirFd, needed)) {
      return result(Errno.ENOTCAPABLE);
    }
    long[] r = inner.apply(inst, a);
    Rights dir = dropped.get(dirFd);
    if (succeeded(r) && dir != null) {
      int fd = inst.memory().readInt((int) a[8]);
      Rights opened = chicoryRights(fd);
      if (opened != null) {
        dropped.put(
            fd,
            new Rights(opened.base() & dir.inheriting(), opened.inheriting() & dir.inheriting()));
      }
    }
    return r;
  }

  private void renumbered(long[] a) {
    Rights moved = dropped.remove((int) a[0]);
    if (moved == null) {
      dropped.remove((int) a[1]);
    } else {
      dropped.put((int) a[1], moved);
    }
  }

  private static long[] after(long[] result, Runnable onSuccess) {
    if (succeeded(result)) {
      onSuccess.run();
    }
    return result;
  }
}
