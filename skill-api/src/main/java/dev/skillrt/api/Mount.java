package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A host folder made visible to a skill.
 *
 * @param hostPath the folder on the host; absolute
 * @param guestPath where the skill sees it (a container path, a WASI preopen, or for native skills
 *     the host path itself); absolute, {@code /}-separated
 * @param readOnly whether the skill may only read it
 */
@API(status = STABLE, since = "0.1")
public record Mount(Path hostPath, String guestPath, boolean readOnly) {

  /**
   * @throws IllegalArgumentException when a path is relative
   */
  public Mount {
    if (!hostPath.isAbsolute()) {
      throw new IllegalArgumentException("a mount's host path must be absolute: " + hostPath);
    }
    if (!guestPath.startsWith("/")) {
      throw new IllegalArgumentException("a mount's guest path must be absolute: " + guestPath);
    }
  }

  /** A read-only mount at the same path inside as outside. */
  public static Mount readOnly(Path hostPath) {
    return new Mount(hostPath, hostPath.toString(), true);
  }

  /** A writable mount at the same path inside as outside. */
  public static Mount readWrite(Path hostPath) {
    return new Mount(hostPath, hostPath.toString(), false);
  }

  @Override
  public String toString() {
    return hostPath + ":" + guestPath + ":" + (readOnly ? "ro" : "rw");
  }
}
