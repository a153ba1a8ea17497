package dev.skillrt.runtime.nativeproc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.RuntimeConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The native runtime's settings, read from a {@link RuntimeConfig}. Every key is optional; the
 * defaults suit a Debian host with util-linux and bubblewrap. See {@code docs/native-runtime.md}.
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><td>{@code path}</td><td>where bare program names are looked up, and the skill's PATH
 *       (default {@code /usr/local/bin:/usr/bin:/bin})</td></tr>
 *   <tr><td>{@code work-root}</td><td>where per-call working folders are created (default
 *       {@code <java.io.tmpdir>/skillrt-native})</td></tr>
 *   <tr><td>{@code kill-grace}</td><td>time between SIGTERM and SIGKILL (default {@code 200ms})</td></tr>
 *   <tr><td>{@code file-size}</td><td>largest file a skill may write (RLIMIT_FSIZE), unlimited
 *       when absent</td></tr>
 *   <tr><td>{@code sandbox-tmp-size}</td><td>size of each of the sandbox's private {@code /tmp}
 *       and {@code /dev/shm} (default {@code 64m})</td></tr>
 *   <tr><td>{@code default-pids}</td><td>the process limit of a sandboxed call that sets none
 *       (default 256; 0 for none)</td></tr>
 *   <tr><td>{@code sandbox-user}</td><td>{@code uid:gid} the bubblewrap sandbox runs as when the
 *       JVM is root (default {@code 65534:65534})</td></tr>
 *   <tr><td>{@code launcher}</td><td>what starts a call: {@code bundled} (default: the small
 *       launcher built with this module, one program start for what the helpers below do in
 *       four), an absolute path to such a launcher, or {@code none} for the helpers</td></tr>
 *   <tr><td>{@code bwrap}, {@code prlimit}, {@code setsid}, {@code setpriv}, {@code unshare},
 *       {@code timeout}</td><td>paths of the helper programs (defaults under {@code /usr/bin})</td></tr>
 *   <tr><td>{@code sandbox-system-paths}</td><td>host folders bound read-only into the sandbox
 *       (default {@code /usr,/bin,/sbin,/lib,/lib32,/lib64})</td></tr>
 *   <tr><td>{@code sandbox-etc-paths}</td><td>files under /etc bound read-only into the sandbox
 *       (default: name service, TLS roots, alternatives, time zone; never shadow files)</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class NativeRuntimeConfig {

  /** The {@code launcher} setting that asks for the launcher built with this module. */
  public static final String BUNDLED_LAUNCHER = "bundled";

  /** The {@code launcher} setting that starts calls through the util-linux helpers. */
  public static final String NO_LAUNCHER = "none";

  /** The PATH used when none is configured. */
  public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private static final List<String> DEFAULT_SYSTEM_PATHS =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64");

  private static final List<String> DEFAULT_ETC_PATHS =
      List.of(
          "/etc/passwd",
          "/etc/group",
          "/etc/nsswitch.conf",
          "/etc/hosts",
          "/etc/resolv.conf",
          "/etc/host.conf",
          "/etc/ld.so.cache",
          "/etc/ld.so.conf",
          "/etc/ld.so.conf.d",
          "/etc/localtime",
          "/etc/ssl",
          "/etc/ca-certificates",
          "/etc/alternatives",
          "/etc/java-17-openjdk");

  private final List<Path> path;
  private final String pathValue;
  private final Path workRoot;
  private final Duration killGrace;
  private final Optional<DataSize> fileSize;
  private final DataSize sandboxTmpSize;
  private final int defaultPids;
  private final int sandboxUid;
  private final int sandboxGid;
  private final String launcher;
  private final Path bwrap;
  private final Path prlimit;
  private final Path setsid;
  private final Path setpriv;
  private final Path unshare;
  private final Path timeout;
  private final List<String> systemPaths;
  private final List<String> etcPaths;

  private NativeRuntimeConfig(RuntimeConfigReader r) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : r.string("path", DEFAULT_PATH).split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir);
      if (!p.isAbsolute()) {
        r.problem("path", "every PATH folder must be absolute, found '" + dir + "'");
      } else {
        dirs.add(p.normalize());
      }
    }
    this.path = List.copyOf(dirs);
    this.pathValue = String.join(":", path.stream().map(Path::toString).toList());
    this.workRoot =
        r.absolutePath(
            "work-root", Path.of(System.getProperty("java.io.tmpdir"), "skillrt-native"));
    this.killGrace = r.duration("kill-grace", Duration.ofMillis(200));
    DataSize fileLimit = r.size("file-size", DataSize.ZERO);
    this.fileSize = r.optional("file-size").isPresent() ? Optional.of(fileLimit) : Optional.empty();
    this.sandboxTmpSize = r.size("sandbox-tmp-size", DataSize.ofMebibytes(64));
    if (sandboxTmpSize.bytes() < 4096) {
      r.problem("sandbox-tmp-size", "must be at least 4k, found " + sandboxTmpSize);
    }
    this.defaultPids = r.integer("default-pids", 256, 0);
    String user = r.string("sandbox-user", "65534:65534");
    int uid = 65534;
    int gid = 65534;
    try {
      String[] parts = user.split(":", -1);
      uid = Integer.parseInt(parts[0].trim());
      gid = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : uid;
      if (uid <= 0 || gid <= 0 || parts.length > 2) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      r.problem(
          "sandbox-user", "expected uid:gid of an unprivileged user (not 0), found '" + user + "'");
    }
    this.sandboxUid = uid;
    this.sandboxGid = gid;
    this.launcher = r.string("launcher", BUNDLED_LAUNCHER);
    if (!launcher.equals(BUNDLED_LAUNCHER)
        && !launcher.equals(NO_LAUNCHER)
        && !launcher.startsWith("/")) {
      r.problem(
          "launcher",
          "expected \"bundled\", \"none\" or the absolute path of a launcher, found '"
              + launcher
              + "'");
    }
    this.bwrap = r.absolutePath("bwrap", Path.of("/usr/bin/bwrap"));
    this.prlimit = r.absolutePath("prlimit", Path.of("/usr/bin/prlimit"));
    this.setsid = r.absolutePath("setsid", Path.of("/usr/bin/setsid"));
    this.setpriv = r.absolutePath("setpriv", Path.of("/usr/bin/setpriv"));
    this.unshare = r.absolutePath("unshare", Path.of("/usr/bin/unshare"));
    this.timeout = r.absolutePath("timeout", Path.of("/usr/bin/timeout"));
    this.systemPaths = absoluteList(r, "sandbox-system-paths", DEFAULT_SYSTEM_PATHS);
    this.etcPaths = absoluteList(r, "sandbox-etc-paths", DEFAULT_ETC_PATHS);
  }

  /**
   * Reads and checks the settings.
   *
   * @throws ConfigurationException listing every bad or unknown setting at once
   */
  public static NativeRuntimeConfig from(RuntimeConfig config) {
    RuntimeConfigReader reader = config.reader("native");
    NativeRuntimeConfig parsed = new NativeRuntimeConfig(reader);
    reader.finish();
    return parsed;
  }

  /** The defaults. */
  public static NativeRuntimeConfig defaults() {
    return from(RuntimeConfig.empty());
  }

  private static List<String> absoluteList(
      RuntimeConfigReader r, String key, List<String> defaults) {
    List<String> out = new ArrayList<>();
    for (String v : r.list(key, defaults)) {
      if (!v.startsWith("/") || v.contains("..")) {
        r.problem(key, "every entry must be an absolute path without '..', found '" + v + "'");
      } else {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /** Folders searched for bare program names; also the skill's {@code PATH}. */
  public List<Path> path() {
    return path;
  }

  /** The skill's {@code PATH} value. */
  public String pathValue() {
    return pathValue;
  }

  public Path workRoot() {
    return workRoot;
  }

  public Duration killGrace() {
    return killGrace;
  }

  public Optional<DataSize> fileSize() {
    return fileSize;
  }

  public DataSize sandboxTmpSize() {
    return sandboxTmpSize;
  }

  /** The process limit of a sandboxed call that sets none; 0 for none. */
  public int defaultPids() {
    return defaultPids;
  }

  public int sandboxUid() {
    return sandboxUid;
  }

  public int sandboxGid() {
    return sandboxGid;
  }

  /** {@link #BUNDLED_LAUNCHER}, {@link #NO_LAUNCHER} or the absolute path of a launcher. */
  public String launcher() {
    return launcher;
  }

  public Path bwrap() {
    return bwrap;
  }

  public Path prlimit() {
    return prlimit;
  }

  public Path setsid() {
    return setsid;
  }

  public Path setpriv() {
    return setpriv;
  }

  public Path unshare() {
    return unshare;
  }

  public Path timeout() {
    return timeout;
  }

  public List<String> systemPaths() {
    return systemPaths;
  }

  public List<String> etcPaths() {
    return etcPaths;
  }
}
