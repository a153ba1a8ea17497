package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.api.internal.UnixAttributes;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What {@code lstat} says about a path (symbolic links are not followed).
 *
 * @param mode the Unix mode bits (permissions, set-id and sticky bits; no file type)
 */
record FileFacts(boolean link, boolean directory, boolean regular, int uid, int mode, long size) {

  static final int STICKY = 01000;
  static final int GROUP_OR_OTHERS_WRITE = 0022;
  static final int OWNER_READ_WRITE = 0600;

  /**
   * @throws java.nio.file.NoSuchFileException when nothing is there
   */
  static FileFacts of(Path path) throws IOException {
    UnixAttributes a =
        UnixAttributes.read(
            path,
            "isSymbolicLink,isDirectory,isRegularFile,uid,mode,size",
            LinkOption.NOFOLLOW_LINKS);
    return new FileFacts(
        a.flag("isSymbolicLink"),
        a.flag("isDirectory"),
        a.flag("isRegularFile"),
        a.intValue("uid"),
        a.intValue("mode") & 07777,
        a.longValue("size"));
  }

  boolean writableByGroupOrOthers() {
    return (mode & GROUP_OR_OTHERS_WRITE) != 0;
  }

  boolean sticky() {
    return (mode & STICKY) != 0;
  }

  /** The mode in octal and as {@code ls} shows it, e.g. {@code 1777 rwxrwxrwt}. */
  String permissions() {
    StringBuilder s = new StringBuilder(9);
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    if (sticky()) {
      s.setCharAt(8, (mode & 1) != 0 ? 't' : 'T');
    }
    return String.format("%04o", mode) + " " + s;
  }

  /** What kind of thing is there, for messages. */
  String kind() {
    if (link) {
      return "a symbolic link";
    }
    if (directory) {
      return "a folder";
    }
    return regular ? "a file" : "a special file";
  }
}
