package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * @param pidNamespaceReaper an unsandboxed call can get its own PID namespace (all of it is reaped
 *     when it ends): unshare and timeout are executable, and the JVM is root or a trial run of an
 *     unprivileged user + PID namespace worked
 * @param sandboxTrial why a trial run of the sandbox failed; empty when it worked or was not tried
 *     because a program is missing
 * @param launcher the call launcher ({@code skillrt-launch}), when one is set up and a trial run of
 *     it worked: it then replaces setpriv, unshare, timeout, setsid and prlimit in every chain
 */
public record HostFacts(
    boolean root,
    boolean bwrap,
    boolean prlimit,
    boolean setsid,
    boolean setpriv,
    boolean timeout,
    boolean pidNamespaceReaper,
    String sandboxTrial,
    Optional<Path> launcher) {

  private static final Map<List<Object>, HostFacts> PROBED = new ConcurrentHashMap<>();

  /**
   * Looks at the host, once per set of helper settings in this JVM (the sandbox trial starts a
   * process).
   */
  public static HostFacts probe(NativeRuntimeConfig config) {
    List<Object> key =
        List.of(
            config.bwrap(),
            config.prlimit(),
            config.setsid(),
            config.setpriv(),
            config.unshare(),
            config.timeout(),
            config.sandboxUid(),
            config.sandboxGid(),
            config.systemPaths(),
            config.launcher(),
            config.workRoot());
    return PROBED.computeIfAbsent(key, k -> look(config));
  }

  private static HostFacts look(NativeRuntimeConfig config) {
    boolean root = currentUid() == 0;
    Optional<Path> launcher = BundledLauncher.find(config).filter(SandboxTrial::launcherRuns);
    boolean pidNamespace =
        launcher.isPresent()
            ? SandboxTrial.launcherPidNamespace(launcher.get(), root)
            : executable(config.unshare())
                && executable(config.timeout())
                && (root || SandboxTrial.unprivilegedPidNamespace(config));
    HostFacts found =
        new HostFacts(
            root,
            executable(config.bwrap()),
            executable(config.prlimit()),
            executable(config.setsid()),
            executable(config.setpriv()),
            executable(config.timeout()),
            pidNamespace,
            "",
            launcher);
    if (!found.programsPresent()) {
      return found;
    }
    return new HostFacts(
        found.root,
        found.bwrap,
        found.prlimit,
        found.setsid,
        found.setpriv,
        found.timeout,
        found.pidNamespaceReaper,
        SandboxTrial.run(config, root, launcher),
        launcher);
  }

  /** What the sandbox needs besides bubblewrap: the launcher, or the helpers it replaces. */
  private boolean programsPresent() {
    return bwrap && (launcher.isPresent() || (prlimit && timeout && (!root || setpriv)));
  }

  /** Whether calls that are not sandboxed can be started at all with a tree that can be stopped. */
  public boolean treeKeepable() {
    return launcher.isPresent() || setsid || pidNamespaceReaper;
  }

  /** Whether the bubblewrap sandbox can run here, as this user. */
  public boolean sandboxUsable() {
    return programsPresent() && sandboxTrial.isEmpty();
  }

  /** Why the sandbox cannot run, one line per missing piece; empty when it can. */
  public List<String> sandboxProblems(NativeRuntimeConfig config) {
    List<String> out = new ArrayList<>();
    if (!bwrap) {
      out.add(
          "bubblewrap is not installed at "
              + config.bwrap()
              + " (Debian: apt-get install bubblewrap; or set the 'bwrap' setting)");
    }
    if (launcher.isEmpty() && !prlimit) {
      out.add("prlimit is not installed at " + config.prlimit() + " (Debian: util-linux)");
    }
    if (launcher.isEmpty() && !timeout) {
      out.add("timeout is not installed at " + config.timeout() + " (Debian: coreutils)");
    }
    if (launcher.isEmpty() && root && !setpriv) {
      out.add(
          "the JVM runs as root and setpriv is not installed at "
              + config.setpriv()
              + ", so the sandbox cannot drop to an unprivileged user (Debian: util-linux)");
    }
    if (!sandboxTrial.isEmpty()) {
      out.add(
          "a trial run of bubblewrap failed: "
              + sandboxTrial
              + " (are unprivileged user namespaces allowed? see kernel.unprivileged_userns_clone"
              + " and user.max_user_namespaces)");
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
