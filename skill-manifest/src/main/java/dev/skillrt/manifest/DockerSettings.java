package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.Mount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The upstream {@code [skills.NAME.docker]} table, after expansion.
 *
 * @param image {@code image}
 * @param entrypoint {@code entrypoint} (a string is one element, never split)
 * @param command {@code command}
 * @param volumes {@code volumes} ({@code HOST:GUEST[:ro|rw]}, read-write by default as in Docker)
 * @param workingDir {@code working_dir}
 * @param environment {@code environment} ({@code NAME=VALUE} entries)
 * @param memory {@code memory}
 * @param cpus {@code cpus}
 * @param network {@code network}
 * @param remove {@code rm} (default true)
 * @param user {@code user}
 * @param gpus {@code gpus}
 * @param readOnly {@code read_only} (default true: the root filesystem is read-only)
 * @param platform {@code platform}
 * @param extraArgs {@code extra_args}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DockerSettings(
    String image,
    List<String> entrypoint,
    List<String> command,
    List<Mount> volumes,
    Optional<String> workingDir,
    Map<String, String> environment,
    Optional<DataSize> memory,
    OptionalDouble cpus,
    Optional<String> network,
    boolean remove,
    Optional<String> user,
    Optional<String> gpus,
    boolean readOnly,
    Optional<String> platform,
    List<String> extraArgs) {

  public DockerSettings {
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    volumes = List.copyOf(volumes);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    extraArgs = List.copyOf(extraArgs);
  }

  /** Whether the container may reach a network ({@code network} set and not {@code none}). */
  public boolean grantsNetwork() {
    return network.filter(n -> !n.equals("none")).isPresent();
  }
}
