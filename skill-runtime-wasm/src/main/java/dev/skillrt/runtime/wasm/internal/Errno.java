package dev.skillrt.runtime.wasm.internal;

/**
 * WASI preview 1 error numbers used by the file guards (Chicory keeps its own enum
 * package-private). Values from the WASI preview 1 specification.
 */
final class Errno {

  static final int SUCCESS = 0;
  static final int EACCES = 2;
  static final int EBADF = 8;
  static final int EBUSY = 10;
  static final int EEXIST = 20;
  static final int EINVAL = 28;
  static final int EIO = 29;
  static final int EISDIR = 31;
  static final int ELOOP = 32;
  static final int ENOENT = 44;
  static final int ENOTDIR = 54;
  static final int ENOTEMPTY = 55;
  static final int ENOTSUP = 58;
  static final int EROFS = 69;
  static final int EXDEV = 75;
  static final int ENOTCAPABLE = 76;

  private Errno() {}
}
