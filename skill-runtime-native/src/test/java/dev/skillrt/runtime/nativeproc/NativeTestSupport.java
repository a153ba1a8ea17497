package dev.skillrt.runtime.nativeproc;

import static org.junit.jupiter.api.Assertions.fail;

import dev.skillrt.api.Mount;
import dev.skillrt.runtime.nativeproc.internal.HostFacts;
import dev.skillrt.spi.RuntimeConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/** Fixtures and /proc helpers shared by the native runtime's tests. */
final class NativeTestSupport {

  private NativeTestSupport() {}

  /** A runtime with default settings. */
  static NativeSkillRuntime runtime() {
    return runtime(Map.of());
  }

  static NativeSkillRuntime runtime(Map<String, String> settings) {
    return (NativeSkillRuntime) new NativeSkillRuntimeProvider().create(RuntimeConfig.of(settings));
  }

  /**
   * Runs a shell script as the program under test. Only tests use a shell, and only as the program
   * being run: the runtime itself never does.
   */
  static CommandSpec sh(SandboxMode mode, String script, String... args) {
    List<String> argv = new ArrayList<>(List.of("-c", script, "sh"));
    argv.addAll(List.of(args));
    return new CommandSpec("/bin/sh", argv, List.of("sh"), List.of(), mode);
  }

  /** Runs a fixture script from src/test/resources/fixtures with /bin/sh. */
  static CommandSpec fixture(SandboxMode mode, String name, String... args) {
    List<String> argv = new ArrayList<>(List.of(fixturesFolder().resolve(name).toString()));
    argv.addAll(List.of(args));
    return new CommandSpec("/bin/sh", argv, List.of("/bin/sh"), List.of(), mode);
  }

  private static @Nullable Path fixtures;

  /**
   * The fixture scripts, copied once into a world-readable temporary folder: the sandbox runs as an
   * unprivileged user, who may not be able to reach the build folder (say, under /root).
   */
  static synchronized Path fixturesFolder() {
    if (fixtures != null) {
      return fixtures;
    }
    try {
      Path source =
          Path.of(NativeTestSupport.class.getResource("/fixtures/echo-argv.sh").toURI())
              .getParent();
      Path copy = Files.createTempDirectory("skillrt-native-fixtures");
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
      copy.toFile().deleteOnExit(); // registered first, so deleted after its files
      try (DirectoryStream<Path> files = Files.newDirectoryStream(source)) {
        for (Path f : files) {
          Path target = copy.resolve(f.getFileName().toString());
          Files.copy(f, target);
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
          target.toFile().deleteOnExit();
        }
      }
      fixtures = copy;
      return copy;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot prepare the fixture scripts", e);
    }
  }

  /** The fixtures folder, granted read-only (so the sandbox can see the scripts). */
  static Mount fixturesMount() {
    return Mount.readOnly(fixturesFolder());
  }

  /**
   * Requires a working bubblewrap sandbox: fails under CI (where {@code .ci/run} installs it),
   * skips loudly elsewhere.
   */
  static void requireSandbox() {
    HostFacts host = HostFacts.probe(NativeRuntimeConfig.defaults());
    if (host.sandboxUsable()) {
      return;
    }
    String why =
        "the bubblewrap sandbox cannot run here: "
            + String.join("; ", host.sandboxProblems(NativeRuntimeConfig.defaults()));
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why + " (CI must install bubblewrap: see .ci/run)");
    }
    System.err.println("!!!!! SKIPPING sandbox tests: " + why + " !!!!!");
    Assumptions.abort(why);
  }

  /**
   * The number of the {@code renameat2} system call here, for racers that swap two names atomically
   * ({@code RENAME_EXCHANGE}) from perl; skips where it is not known.
   */
  static String renameat2() {
    String arch = System.getProperty("os.arch");
    Assumptions.assumeTrue(
        arch.equals("amd64") || arch.equals("aarch64"),
        "the renameat2 number is known for amd64 and aarch64, not " + arch);
    return arch.equals("amd64") ? "316" : "276";
  }

  /** Whether the test JVM runs as uid 0 (as in CI). */
  static boolean runningAsRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.substring(4).trim().split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return false;
  }

  // ---- /proc --------------------------------------------------------------------------------

  /** pid -> start time of every live process whose environment holds {@code name=value}. */
  static Map<Long, Long> processesWithEnv(String name, String value) {
    byte[] needle = (name + "=" + value + "\0").getBytes(StandardCharsets.UTF_8);
    Map<Long, Long> found = new LinkedHashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : dirs) {
        try {
          byte[] env = Files.readAllBytes(dir.resolve("environ"));
          if (indexOf(env, needle) >= 0) {
            long pid = Long.parseLong(dir.getFileName().toString());
            startTime(pid).ifPresent(t -> found.put(pid, t));
          }
        } catch (IOException | RuntimeException e) {
          // gone meanwhile, or not ours to read
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  /** The processes of {@code pids} (pid -> start time) that still exist, zombies included. */
  static List<String> stillThere(Map<Long, Long> pids) {
    List<String> out = new ArrayList<>();
    pids.forEach(
        (pid, start) -> {
          Optional<String[]> f = stat(pid);
          if (f.isPresent() && startTimeOf(f.get()) == start) {
            out.add(
                pid + " (state " + f.get()[0] + ", parent " + f.get()[1] + ", " + comm(pid) + ")");
          }
        });
    return out;
  }

  private static String comm(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  static Optional<Long> startTime(long pid) {
    return stat(pid).map(NativeTestSupport::startTimeOf);
  }

  private static long startTimeOf(String[] fields) {
    return Long.parseLong(fields[19]); // field 22 of /proc/pid/stat, counted after "(comm)"
  }

  private static Optional<String[]> stat(long pid) {
    try {
      String s =
          Files.readString(
              Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
      return Optional.of(s.substring(s.lastIndexOf(')') + 2).split(" "));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
