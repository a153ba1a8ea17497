package dev.skillrt.runtime.wasm.internal;

import static dev.skillrt.runtime.wasm.internal.HostFunctions.result;
import static dev.skillrt.runtime.wasm.internal.HostFunctions.succeeded;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import dev.skillrt.runtime.wasm.internal.ChicoryDescriptors.OpenFile;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Files opened for appending, done here instead of by Chicory 1.7.5, which opens them with the
 * JDK's {@code APPEND} option: such a channel cannot be read ({@code O_APPEND | O_RDWR} loses its
 * read side), appending cannot be combined with truncating, and {@code fd_fdstat_set_flags} cannot
 * switch appending off. Here the file is opened without {@code APPEND} (readable when the rights
 * ask for it, truncated when asked), keeps the {@code APPEND} flag in Chicory's table (so {@code
 * fd_fdstat_get} reports it), and every {@code fd_write} to it first moves to the end of the file;
 * {@code fd_pwrite} to it writes at the end too, as Linux does.
 *
 * <p>Belongs upstream (github.com/dylibso/chicory, {@code WasiPreview1.pathOpen} and {@code
 * fdFdstatSetFlags}). Appending is not atomic against other processes writing the same file at the
 * same moment (the move to the end and the write are two steps). Write access is still judged by
 * {@link PreopenGuard} (an append open asks for the write right, so a read-only preopen refuses it
 * with {@code EROFS}), and switching the flag on changes nothing of what the descriptor may do: a
 * file opened read-only stays read-only.
 */
final class AppendMode {

  private static final int FDFLAG_APPEND = 1;
  private static final long RIGHT_FD_WRITE = 1L << 6;

  private final ChicoryDescriptors descriptors;

  AppendMode(ChicoryDescriptors descriptors) {
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
      case "path_open" -> (inst, a) -> pathOpen(inner, inst, a);
      case "fd_write" -> (inst, a) -> fdWrite(inner, inst, a);
      case "fd_pwrite" -> (inst, a) -> fdPwrite(inner, inst, a);
      case "fd_fdstat_set_flags" -> (inst, a) -> setFlags(inner, inst, a);
      default -> null;
    };
  }

  private long[] pathOpen(WasmFunctionHandle inner, Instance inst, long[] a) {
    int fdFlags = (int) a[7];
    if ((fdFlags & FDFLAG_APPEND) == 0) {
      return inner.apply(inst, a);
    }
    long[] args = a.clone();
    args[5] = a[5] | RIGHT_FD_WRITE;
    args[7] = fdFlags & ~FDFLAG_APPEND;
    long[] r = inner.apply(inst, args);
    if (succeeded(r)) {
      int fd = inst.memory().readInt((int) a[8]);
      if (descriptors.file(fd) != null && !descriptors.setFlags(fd, fdFlags)) {
        return result(Errno.EIO);
      }
    }
    return r;
  }

  private long[] fdWrite(WasmFunctionHandle inner, Instance inst, long[] a) {
    OpenFile f = descriptors.file((int) a[0]);
    if (f != null && (f.fdFlags() & FDFLAG_APPEND) != 0) {
      try {
        f.channel().position(f.channel().size());
      } catch (IOException e) {
        return result(Errno.EIO);
      }
    }
    return inner.apply(inst, a);
  }

  /**
   * Writes at the end of an appending file, whatever the offset, as Linux does (Chicory refuses
   * {@code fd_pwrite} there with {@code ENOTSUP}); the descriptor's position does not move.
   */
  private long[] fdPwrite(WasmFunctionHandle inner, Instance inst, long[] a) {
    int fd = (int) a[0];
    OpenFile f = descriptors.file(fd);
    if (f == null || (f.fdFlags() & FDFLAG_APPEND) == 0) {
      return inner.apply(inst, a);
    }
    long[] args = a.clone();
    try {
      args[3] = f.channel().size();
    } catch (IOException e) {
      return result(Errno.EIO);
    }
    if (!descriptors.setFlags(fd, f.fdFlags() & ~FDFLAG_APPEND)) {
      return result(Errno.EIO);
    }
    try {
      return inner.apply(inst, args);
    } finally {
      descriptors.setFlags(fd, f.fdFlags());
    }
  }

  /** Switches appending on or off; any other flag change is left to Chicory (which refuses it). */
  private long[] setFlags(WasmFunctionHandle inner, Instance inst, long[] a) {
    int fd = (int) a[0];
    int flags = (int) a[1];
    OpenFile f = descriptors.file(fd);
    if (f == null || (f.fdFlags() & ~FDFLAG_APPEND) != (flags & ~FDFLAG_APPEND)) {
      return inner.apply(inst, a);
    }
    return result(descriptors.setFlags(fd, flags) ? Errno.SUCCESS : Errno.EIO);
  }
}
