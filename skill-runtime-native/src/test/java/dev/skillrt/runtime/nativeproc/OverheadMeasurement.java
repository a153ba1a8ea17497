package dev.skillrt.runtime.nativeproc;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the per-call overhead of {@code /bin/true} through the native runtime against a bare
 * {@link ProcessBuilder} start-and-wait, without and with bubblewrap, in one run. A measurement,
 * not a test: no timing is asserted anywhere. Run it as described in docs/native-runtime.md.
 */
public final class OverheadMeasurement {

  private OverheadMeasurement() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    System.out.println(
        "load average: "
            + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      report("bare ProcessBuilder /bin/true", calls, () -> bare(List.of("/bin/true")));
      if (NativeTestSupport.runningAsRoot()) {
        report(
            "bare ProcessBuilder unshare+timeout /bin/true",
            calls,
            () ->
                bare(
                    List.of(
                        "/usr/bin/unshare",
                        "--pid",
                        "--fork",
                        "--kill-child",
                        "--",
                        "/usr/bin/timeout",
                        "0",
                        "/bin/true")));
      }
      report("runtime, sandbox none", calls, () -> call(runtime, SandboxMode.NONE));
      boolean sandbox = runtime.sandboxFor(spec(SandboxMode.BWRAP)).isPresent();
      if (sandbox) {
        report(
            "bare ProcessBuilder setpriv+bwrap+timeout /bin/true",
            calls,
            () -> bare(bareSandboxArgv()));
        report("runtime, sandbox bwrap", calls, () -> call(runtime, SandboxMode.BWRAP));
      } else {
        System.out.println("bwrap unavailable: sandbox figures skipped");
      }
    }
  }

  private static CommandSpec spec(SandboxMode mode) {
    return new CommandSpec("/bin/true", List.of(), List.of("true"), List.of(), mode);
  }

  private static void call(NativeSkillRuntime runtime, SandboxMode mode) {
    ExecutionResult r =
        runtime.execute(
            ExecutionRequest.builder("bench", "true", spec(mode))
                .networkAllowed(mode == SandboxMode.NONE)
                .build());
    if (!r.succeeded()) {
      throw new IllegalStateException(r.message());
    }
  }

  private static void bare(List<String> argv) {
    try {
      int exit = new ProcessBuilder(argv).start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("exit " + exit);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> bareSandboxArgv() {
    List<String> argv = new ArrayList<>();
    if (NativeTestSupport.runningAsRoot()) {
      argv.addAll(
          List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
    }
    argv.addAll(
        List.of(
            "/usr/bin/bwrap",
            "--unshare-user",
            "--unshare-pid",
            "--as-pid-1",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-net",
            "--die-with-parent",
            "--new-session",
            "--ro-bind",
            "/usr",
            "/usr",
            "--symlink",
            "usr/bin",
            "/bin",
            "--symlink",
            "usr/lib",
            "/lib",
            "--symlink",
            "usr/lib64",
            "/lib64",
            "--proc",
            "/proc",
            "--dev",
            "/dev",
            "--",
            "/usr/bin/timeout",
            "0",
            "/bin/true"));
    return argv;
  }

  private static void report(String what, int calls, Runnable call) {
    for (int i = 0; i < Math.max(10, calls / 10); i++) {
      call.run();
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
    System.out.printf(
        "%-55s n=%d  median %6.2f ms  p90 %6.2f ms  mean %6.2f ms%n",
        what, calls, nanos[calls / 2] / 1e6, nanos[calls * 9 / 10] / 1e6, mean);
  }
}
