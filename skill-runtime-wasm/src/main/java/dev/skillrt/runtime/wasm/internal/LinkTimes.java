package dev.skillrt.runtime.wasm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Sets the times of a symbolic link itself ({@code path_filestat_set_times} without {@code
 * SYMLINK_FOLLOW}), which Chicory 1.7.5 ignores: it always sets the times of what the link names.
 * Belongs upstream (github.com/dylibso/chicory, {@code WasiPreview1.pathFilestatSetTimes}).
 *
 * <p>The JDK 17 sets a link's own times only to the microsecond ({@code lutimes}), while WASI times
 * are in nanoseconds and programs check them to the nanosecond. So the link's times are set with
 * {@code touch -h} (GNU coreutils, {@code utimensat} with {@code AT_SYMLINK_NOFOLLOW}), given the
 * judged host path as one argument, without a shell; where no {@code touch} can do it, with the
 * JDK, to the microsecond.
 */
final class LinkTimes {

  private static final int ATIM = 1;
  private static final int ATIM_NOW = 2;
  private static final int MTIM = 4;
  private static final int MTIM_NOW = 8;
  private static final long TOUCH_WAIT_SECONDS = 10;
  private static final Path TOUCH = Path.of("/usr/bin/touch");

  private LinkTimes() {}

  /**
   * Sets the times of the link at {@code link} (a host path the guard judged, whose last name is
   * the link) as WASI's {@code fst_flags} ask.
   */
  static int set(Path link, long accessTime, long modifiedTime, int fstFlags) {
    if (((fstFlags & ATIM) != 0 && (fstFlags & ATIM_NOW) != 0)
        || ((fstFlags & MTIM) != 0 && (fstFlags & MTIM_NOW) != 0)) {
      return Errno.EINVAL;
    }
    Instant now = Instant.now();
    @Nullable Instant access = time(fstFlags, ATIM, ATIM_NOW, accessTime, now);
    @Nullable Instant modified = time(fstFlags, MTIM, MTIM_NOW, modifiedTime, now);
    if (access == null && modified == null) {
      return Errno.SUCCESS;
    }
    if (Files.isExecutable(TOUCH)) {
      try {
        if ((access == null || touch(link, "-a", access))
            && (modified == null || touch(link, "-m", modified))) {
          return Errno.SUCCESS;
        }
      } catch (IOException e) {
        // fall back to the JDK below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Errno.EIO;
      }
    }
    try {
      Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(
              modified == null ? null : FileTime.from(modified),
              access == null ? null : FileTime.from(access),
              null);
      return Errno.SUCCESS;
    } catch (IOException | UnsupportedOperationException e) {
      return Errno.EIO;
    }
  }

  private static @Nullable Instant time(int flags, int set, int setNow, long nanos, Instant now) {
    if ((flags & set) != 0) {
      return Instant.ofEpochSecond(0, nanos);
    }
    return (flags & setNow) != 0 ? now : null;
  }

  private static boolean touch(Path link, String which, Instant time)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(TOUCH.toString());
    command.add("-h");
    command.add("-c");
    command.add(which);
    command.add("-d");
    command.add("@" + time.getEpochSecond() + "." + String.format("%09d", time.getNano()));
    command.add("--");
    command.add(link.toString());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(TOUCH_WAIT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }
}
