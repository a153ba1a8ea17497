package dev.skillrt.runtime.docker;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.spi.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 *     default_user}, default {@code 65534:65534})
 * @param pidsLimit the pids limit when the request sets no process limit ({@code pids_limit},
 *     default 256)
 * @param tmpSize the size of the tmpfs at {@code /tmp} ({@code tmp_size}, default 64m)
 * @param maxTmpfsSize the largest {@code --tmpfs} an {@code extra_args} may ask for ({@code
 *     max_tmpfs_size}, default 256m)
 * @param maxShmSize the largest {@code --shm-size} ({@code max_shm_size}, default 256m)
 * @param allowedCapabilities capabilities {@code --cap-add} may add, upper case without {@code
 *     CAP_} ({@code allowed_capabilities}, default none)
 * @param allowedDevices host device paths {@code --device} may pass ({@code allowed_devices},
 *     default none)
 * @param allowGpus whether GPUs may be requested ({@code allow_gpus}, default false)
 * @param deniedHostPaths host folders no mount may touch besides the built-in list ({@code
 *     denied_host_paths})
 * @param maxConnections the client's connection pool size ({@code max_connections}, default 256)
 * @param connectTimeout how long to wait for the engine to accept a connection ({@code
 *     connect_timeout}, default 5s)
 * @param killGrace how long to wait for a killed container to report its end ({@code
 *     kill_grace}, default 5s)
 * @param cleanupOnStart whether leftover containers of a crashed JVM are removed when the runtime
 *     is created ({@code cleanup_on_start}, default true)
 * @param hostGroupFile the host's group database, where the privileged groups are looked up by
 *     name ({@code host_group_file}, default {@code /etc/group}; set it when the JVM runs in a
 *     container and the host's file is mounted elsewhere)
 * @param deniedGroups groups no container may run in besides the built-in privileged ones, by
 *     name (looked up in {@code hostGroupFile}) or numeric gid ({@code denied_groups})
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

  /** The host's group database, read when {@code host_group_file} is not set. */
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
    List<String> problems = new ArrayList<>();
    String host =
        config
            .get("host")
            .or(() -> Optional.ofNullable(System.getenv("DOCKER_HOST")))
            .filter(h -> !h.isBlank())
            .orElse(DEFAULT_HOST);
    String defaultUser = config.getString("default_user", "65534:65534").trim();
    if (!defaultUser.matches("[1-9][0-9]*:[1-9][0-9]*")) {
      problems.add(
          "default_user must be a numeric uid:gid with both non-zero (e.g. 65534:65534), was \""
              + defaultUser + "\"");
    } else if (!isId(defaultUser.substring(0, defaultUser.indexOf(':')))
        || !isId(defaultUser.substring(defaultUser.indexOf(':') + 1))) {
      problems.add(
          "default_user must hold ids from 1 to " + MAX_ID + " (Docker takes no larger uid or"
              + " gid), was \"" + defaultUser + "\"");
    }
    int pidsLimit = read(problems, () -> config.getInt("pids_limit", 256), 256);
    if (pidsLimit < 1) {
      problems.add("pids_limit must be at least 1, was " + pidsLimit);
    }
    int maxConnections = read(problems, () -> config.getInt("max_connections", 256), 256);
    if (maxConnections < 4) {
      problems.add("max_connections must be at least 4, was " + maxConnections);
    }
    DockerRuntimeConfig parsed =
        new DockerRuntimeConfig(
            host,
            read(problems, () -> config.getBoolean("pull", false), false),
            defaultUser,
            pidsLimit,
            read(problems, () -> config.getDataSize("tmp_size", DataSize.ofMebibytes(64)), DataSize.ofMebibytes(64)),
            read(problems, () -> config.getDataSize("max_tmpfs_size", DataSize.ofMebibytes(256)), DataSize.ofMebibytes(256)),
            read(problems, () -> config.getDataSize("max_shm_size", DataSize.ofMebibytes(256)), DataSize.ofMebibytes(256)),
            config.getList("allowed_capabilities").stream()
                .map(DockerRuntimeConfig::capabilityName)
                .collect(Collectors.toSet()),
            Set.copyOf(config.getList("allowed_devices")),
            read(problems, () -> config.getBoolean("allow_gpus", false), false),
            config.getList("denied_host_paths").stream().map(Path::of).toList(),
            maxConnections,
            read(problems, () -> config.getDuration("connect_timeout", Duration.ofSeconds(5)), Duration.ofSeconds(5)),
            read(problems, () -> config.getDuration("kill_grace", Duration.ofSeconds(5)), Duration.ofSeconds(5)),
            read(problems, () -> config.getBoolean("cleanup_on_start", true), true),
            groupFile(config, problems),
            config.getList("denied_groups").stream().map(String::trim).toList());
    for (String capability : parsed.allowedCapabilities) {
      if (capability.equals("ALL")) {
        problems.add("allowed_capabilities may not contain ALL; list each capability");
      }
    }
    for (Path p : parsed.deniedHostPaths) {
      if (!p.isAbsolute()) {
        problems.add("denied_host_paths must hold absolute paths, found \"" + p + "\"");
      }
    }
    if (!parsed.hostGroupFile.isAbsolute()) {
      problems.add(
          "host_group_file must be an absolute path, found \"" + parsed.hostGroupFile + "\"");
    }
    for (String group : parsed.deniedGroups) {
      if (!group.matches("[0-9]+|[A-Za-z_][A-Za-z0-9_.-]*[$]?")) {
        problems.add(
            "denied_groups must hold group names or numeric gids, found \"" + group + "\"");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "the docker runtime settings are wrong:\n  - " + String.join("\n  - ", problems));
    }
    return parsed;
  }

  private static Path groupFile(RuntimeConfig config, List<String> problems) {
    String value = config.getString("host_group_file", DEFAULT_GROUP_FILE.toString()).trim();
    try {
      return Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      problems.add("host_group_file is not a path: " + e.getMessage());
      return DEFAULT_GROUP_FILE;
    }
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

  private static <T> T read(
      List<String> problems, java.util.function.Supplier<T> getter, T fallback) {
    try {
      return getter.get();
    } catch (ConfigurationException e) {
      problems.add(e.getMessage());
      return fallback;
    }
  }
}
