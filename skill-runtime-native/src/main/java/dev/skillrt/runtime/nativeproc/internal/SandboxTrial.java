package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.runtime.nativeproc.NativeRuntimeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code true} once inside the same namespaces a call gets, so that a host where bubblewrap is
 * installed but cannot work (user namespaces disabled, say) is known before a skill depends on it.
 */
final class SandboxTrial {

  private static final java.util.Map<String, String> TRIAL_ENVIRONMENT =
      java.util.Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");

  private SandboxTrial() {}

  /** Whether the launcher runs here (it is executable and answers its version). */
  static boolean launcherRuns(Path launcher) {
    return succeeds(List.of(launcher.toString(), "--", launcher.toString(), "--version"));
  }

  /**
   * Whether the launcher can give a call its own PID namespace (and, when not root, a user
   * namespace of its own), the way {@link LaunchPlan} asks it to.
   */
  static boolean launcherPidNamespace(Path launcher, boolean root) {
    List<String> argv = new ArrayList<>(List.of(launcher.toString(), "--pid-namespace"));
    if (!root) {
      argv.add("--map-user");
    }
    argv.addAll(List.of("--", launcher.toString(), "--version"));
    return succeeds(argv);
  }

  /**
   * Whether this (unprivileged) user can give a call its own user and PID namespace with unshare,
   * the way {@link LaunchPlan} does without the sandbox.
   */
  static boolean unprivilegedPidNamespace(NativeRuntimeConfig config) {
    List<String> argv =
        List.of(
            config.unshare().toString(),
            "--user",
            "--map-current-user",
            "--pid",
            "--fork",
            "--kill-child",
            "--",
            config.timeout().toString(),
            "0",
            config.timeout().toString(),
            "--version");
    return succeeds(argv);
  }

  private static boolean succeeds(List<String> argv) {
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(TRIAL_ENVIRONMENT);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      p.getInputStream().readAllBytes();
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Empty when the sandbox works; otherwise what went wrong. */
  static String run(NativeRuntimeConfig config, boolean root, Optional<Path> launcher) {
    List<String> argv = new ArrayList<>();
    if (root && launcher.isPresent()) {
      argv.addAll(
          List.of(
              launcher.get().toString(),
              "--drop",
              config.sandboxUid() + ":" + config.sandboxGid(),
              "--"));
    } else if (root) {
      argv.addAll(
          List.of(
              config.setpriv().toString(),
              "--reuid=" + config.sandboxUid(),
              "--regid=" + config.sandboxGid(),
              "--clear-groups",
              "--"));
    }
    argv.addAll(
        List.of(
            config.bwrap().toString(),
            "--unshare-user",
            "--unshare-pid",
            "--as-pid-1",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-net",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL"));
    for (String p : config.systemPaths()) {
      argv.addAll(List.of("--ro-bind-try", p, p));
    }
    argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    if (launcher.isPresent()) {
      String inside = LaunchPlan.launcherInside(launcher.get(), config);
      argv.addAll(List.of("--ro-bind", launcher.get().toString(), inside));
      argv.addAll(
          List.of(
              "--remount-ro",
              "/",
              "--",
              inside,
              "--init",
              "--rlimit",
              "nproc=64:64",
              "--",
              inside,
              "--version"));
    } else {
      argv.addAll(
          List.of(
              "--remount-ro",
              "/",
              "--",
              config.timeout().toString(),
              "0",
              config.prlimit().toString(),
              "--nproc=64",
              "--",
              config.prlimit().toString(),
              "--version"));
    }
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(TRIAL_ENVIRONMENT);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "it did not finish in 10 s";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out);
    } catch (IOException e) {
      return Objects.requireNonNullElse(e.getMessage(), e.toString()); // "" would mean it passed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
