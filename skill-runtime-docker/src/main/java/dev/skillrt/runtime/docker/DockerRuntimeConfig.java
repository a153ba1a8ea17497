package dev.skillrt.runtime.docker;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.RuntimeConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The settings of the {@code docker} runtime, read from a {@link RuntimeConfig}. Every key is
 * optional; the defaults are the hardened ones. Keys are listed in {@code docs/docker-runtime.md}.
 *
 * <p>Immutable and thread-safe. {@link #from(RuntimeConfig)} reports every bad value at once.
 *
 * @param host the engine endpoint ({@code host}; default {@code DOCKER_HOST}, else {@code
 *     unix:///var/run/docker.sock})
 * @param pull whether a missing image may be pulled ({@code pull}, default false)
 * @param defaultUser the {@code uid:gid} a container runs as when the skill names none ({@code
 *     default-user}, default {@code 65534:65534})
 * @param pidsLimit the pids limit when the request sets no process limit ({@code pids-limit},
 *     default 256)
 * @param tmpSize the size of the tmpfs at {@code /tmp} ({@code tmp-size}, default 64m)
 * @param maxTmpfsSize the largest {@code --tmpfs} an {@code extra_args} may ask for ({@code
 *     max-tmpfs-size}, default 256m)
 * @param maxShmSize the largest {@code --shm-size} ({@code max-shm-size}, default 256m)
 * @param allowedCapabilities capabilities {@code --cap-add} may add, upper case without {@code
 *     CAP_} ({@code allowed-capabilities}, default none)
 * @param allowedDevices host device paths {@code --device} may pass ({@code allowed-devices},
 *     default none)
 * @param allowGpus whether GPUs may be requested ({@code allow-gpus}, default false)
 * @param deniedHostPaths host folders no mount may touch besides the built-in list ({@code
 *     denied-host-paths})
 * @param maxConnections the client's connection pool size ({@code max-connections}, default 256)
 * @param connectTimeout how long to wait for the engine to accept a connection ({@code
 *     connect-timeout}, default 5s)
 * @param killGrace how long to wait for a killed container to report its end ({@code kill-grace},
 *     default 5s)
 * @param cleanupOnStart whether leftover containers of a crashed JVM are removed when the runtime
 *     is created ({@code cleanup-on-start}, default true)
 * @param hostGroupFile the host's group database, where the privileged groups are looked up by name
 *     ({@code host-group-file}, default {@code /etc/group}; set it when the JVM runs in a container
 *     and the host's file is mounted elsewhere)
 * @param deniedGroups groups no container may run in besides the built-in privileged ones, by name
 *     (looked up in {@code hostGroupFile}) or numeric gid ({@code denied-groups})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DockerRuntimeConfig(
    String host,
    boolean pull,
    String defaultUser,
    int pidsLimit,
    DataSize tmpSize,
    DataSize maxTmpfsSize,
    DataSize maxShmSize,
    Set<String> allowedCapabilities,
    Set<String> allowedDevices,
    boolean allowGpus,
    List<Path> deniedHostPaths,
    int maxConnections,
    Duration connectTimeout,
    Duration killGrace,
    boolean cleanupOnStart,
    Path hostGroupFile,
    List<String> deniedGroups) {

  /** The endpoint used when neither the {@code host} key nor {@code DOCKER_HOST} is set. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** The host's group database, read when {@code host-group-file} is not set. */
  public static final Path DEFAULT_GROUP_FILE = Path.of("/etc/group");

  /** The largest uid or gid Docker takes (its user lookup refuses anything above). */
  public static final long MAX_ID = 2_147_483_647L;

  public DockerRuntimeConfig {
    allowedCapabilities = Set.copyOf(allowedCapabilities);
    allowedDevices = Set.copyOf(allowedDevices);
    deniedHostPaths = List.copyOf(deniedHostPaths);
    deniedGroups = List.copyOf(deniedGroups);
  }

  /** The hardened defaults, with the engine from {@code DOCKER_HOST} or the default socket. */
  public static DockerRuntimeConfig defaults() {
    return from(RuntimeConfig.empty());
  }

  /**
   * Reads the settings.
   *
   * @throws ConfigurationException listing every bad value
   */
  public static DockerRuntimeConfig from(RuntimeConfig config) {
    RuntimeConfigReader r = config.reader("docker");
    String host =
        r.optional("host")
            .or(() -> Optional.ofNullable(System.getenv("DOCKER_HOST")))
            .filter(h -> !h.isBlank())
            .orElse(DEFAULT_HOST);
    String defaultUser = r.string("default-user", "65534:65534").trim();
    if (!defaultUser.matches("[1-9][0-9]*:[1-9][0-9]*")) {
      r.problem(
          "default-user",
          "must be a numeric uid:gid with both non-zero (e.g. 65534:65534), was \""
              + defaultUser
              + "\"");
    } else if (!isId(defaultUser.substring(0, defaultUser.indexOf(':')))
        || !isId(defaultUser.substring(defaultUser.indexOf(':') + 1))) {
      r.problem(
          "default-user",
          "must hold ids from 1 to "
              + MAX_ID
              + " (Docker takes no larger uid or gid), was \""
              + defaultUser
              + "\"");
    }
    DockerRuntimeConfig parsed =
        new DockerRuntimeConfig(
            host,
            r.bool("pull", false),
            defaultUser,
            r.integer("pids-limit", 256, 1),
            r.size("tmp-size", DataSize.ofMebibytes(64)),
            r.size("max-tmpfs-size", DataSize.ofMebibytes(256)),
            r.size("max-shm-size", DataSize.ofMebibytes(256)),
            r.list("allowed-capabilities", List.of()).stream()
                .map(DockerRuntimeConfig::capabilityName)
                .collect(Collectors.toSet()),
            Set.copyOf(r.list("allowed-devices", List.of())),
            r.bool("allow-gpus", false),
            r.list("denied-host-paths", List.of()).stream().map(Path::of).toList(),
            r.integer("max-connections", 256, 4),
            r.duration("connect-timeout", Duration.ofSeconds(5)),
            r.duration("kill-grace", Duration.ofSeconds(5)),
            r.bool("cleanup-on-start", true),
            r.absolutePath("host-group-file", DEFAULT_GROUP_FILE),
            r.list("denied-groups", List.of()));
    if (parsed.allowedCapabilities.contains("ALL")) {
      r.problem("allowed-capabilities", "may not contain ALL; list each capability");
    }
    for (Path p : parsed.deniedHostPaths) {
      if (!p.isAbsolute()) {
        r.problem("denied-host-paths", "must hold absolute paths, found \"" + p + "\"");
      }
    }
    for (String group : parsed.deniedGroups) {
      if (!group.matches("[0-9]+|[A-Za-z_][A-Za-z0-9_.-]*[$]?")) {
        r.problem(
            "denied-groups", "must hold group names or numeric gids, found \"" + group + "\"");
      }
    }
    r.finish();
    return parsed;
  }

  /** Whether the text is a decimal id Docker takes: 0 to {@link #MAX_ID}. */
  public static boolean isId(String digits) {
    if (!digits.matches("[0-9]{1,10}")) {
      return false;
    }
    return Long.parseLong(digits) <= MAX_ID;
  }

  /** A capability as compared by the policy: upper case, without {@code CAP_}. */
  public static String capabilityName(String raw) {
    String upper = raw.trim().toUpperCase(Locale.ROOT);
    return upper.startsWith("CAP_") ? upper.substring(4) : upper;
  }
}
