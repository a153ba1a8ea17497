package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this host offers the native runtime: whether the JVM is root and which helper programs
 * exist. Probed once per runtime.
 *
 * @param root whether the JVM runs as uid 0
 * @param bwrap bubblewrap is executable
 * @param prlimit prlimit is executable
 * @param setsid setsid is executable
 * @param setpriv setpriv is executable
 * @param timeout coreutils timeout is executable (the PID namespace's init that reaps the call)
 * @param pidNamespaceReaper unshare and timeout are executable and the JVM is root, so an
 *     unsandboxed call can get its own PID namespace (all of it is reaped when it ends)
 */
public record HostFacts(
    boolean root, boolean bwrap, boolean prlimit, boolean setsid, boolean setpriv,
    boolean timeout, boolean pidNamespaceReaper) {

  /** Looks at the host. */
  public static HostFacts probe(NativeRuntimeConfig config) {
    boolean root = currentUid() == 0;
    return new HostFacts(
        root,
        executable(config.bwrap()),
        executable(config.prlimit()),
        executable(config.setsid()),
        executable(config.setpriv()),
        executable(config.timeout()),
        root && executable(config.unshare()) && executable(config.timeout()));
  }

  /** Whether the bubblewrap sandbox can run here, as this user. */
  public boolean sandboxUsable() {
    return bwrap && prlimit && timeout && (!root || setpriv);
  }

  /** Why the sandbox cannot run, one line per missing piece; empty when it can. */
  public List<String> sandboxProblems(NativeRuntimeConfig config) {
    List<String> out = new ArrayList<>();
    if (!bwrap) {
      out.add("bubblewrap is not installed at " + config.bwrap()
          + " (Debian: apt-get install bubblewrap; or set the 'bwrap' setting)");
    }
    if (!prlimit) {
      out.add("prlimit is not installed at " + config.prlimit() + " (Debian: util-linux)");
    }
    if (!timeout) {
      out.add("timeout is not installed at " + config.timeout() + " (Debian: coreutils)");
    }
    if (root && !setpriv) {
      out.add("the JVM runs as root and setpriv is not installed at " + config.setpriv()
          + ", so the sandbox cannot drop to an unprivileged user (Debian: util-linux)");
    }
    return out;
  }

  private static boolean executable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }

  private static int currentUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through: assume unprivileged, the stricter reading for the rules that depend on it
    }
    return -1;
  }
}
