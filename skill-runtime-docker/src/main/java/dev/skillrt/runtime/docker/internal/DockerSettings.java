package dev.skillrt.runtime.docker.internal;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Location;
import dev.skillrt.api.Mount;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A skill's {@code [skills.NAME.docker]} table as the docker runtime reads it (see {@link
 * DockerTableReader}): the container to run, and the volumes, environment, working folder, limits
 * and network the table adds to the shared settings.
 *
 * @param image {@code image} (or the image of {@code source = "docker:IMAGE"}); empty when the
 *     skill says nothing the runtime can run
 * @param entrypoint {@code entrypoint} (a string is one element, never split)
 * @param command {@code command}, before the call's arguments
 * @param volumes {@code volumes} ({@code HOST:GUEST[:ro|rw]}, read-write by default as in Docker)
 * @param workingDir {@code working_dir}
 * @param environment {@code environment} ({@code NAME=VALUE} entries)
 * @param memory {@code memory}
 * @param cpus {@code cpus}
 * @param networkName {@code network}
 * @param remove {@code rm} (default true)
 * @param user {@code user}
 * @param gpus {@code gpus}
 * @param readOnly {@code read_only} (default true: the root filesystem is read-only)
 * @param platform {@code platform}
 * @param extraArgs {@code extra_args}
 * @param location where the table (or, without one, the skill) is written
 * @param skill the skill's name, for messages
 */
public record DockerSettings(
    Optional<String> image,
    List<String> entrypoint,
    List<String> command,
    List<Mount> volumes,
    Optional<String> workingDir,
    Map<String, String> environment,
    Optional<DataSize> memory,
    OptionalDouble cpus,
    Optional<String> networkName,
    boolean remove,
    Optional<String> user,
    Optional<String> gpus,
    boolean readOnly,
    Optional<String> platform,
    List<String> extraArgs,
    Location location,
    String skill)
    implements SkillSettings {

  public DockerSettings {
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    volumes = List.copyOf(volumes);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    extraArgs = List.copyOf(extraArgs);
  }

  @Override
  public RuntimeSpec spec(SpecInput input) {
    String img =
        image.orElseThrow(
            () ->
                new ConfigurationException(
                    List.of(
                        location.problem(
                            "skill \""
                                + skill
                                + "\" runs on the docker runtime but says nothing it can"
                                + " run; add [skills."
                                + skill
                                + ".docker] with image = \"...\""))));
    List<String> cmd = new java.util.ArrayList<>(command);
    cmd.addAll(input.arguments());
    return ContainerSpec.builder(img)
        .entrypoint(entrypoint)
        .command(cmd)
        .user(user.orElse(null))
        .workingDir(workingDir.orElse(null))
        .network(input.networkAllowed() ? networkName.orElse(null) : null)
        .readOnlyRootFilesystem(readOnly)
        .remove(remove)
        .gpus(gpus.orElse(null))
        .platform(platform.orElse(null))
        .extraArgs(extraArgs)
        .build();
  }

  @Override
  public List<Mount> mounts() {
    return volumes;
  }

  @Override
  public Optional<String> workingDirectory() {
    return workingDir;
  }

  @Override
  public Limits limits() {
    Limits.Builder b = Limits.builder();
    memory.ifPresent(b::memory);
    cpus.ifPresent(b::cpus);
    return b.build();
  }

  /** A container reaches a network only when {@code network} names one other than {@code none}. */
  @Override
  public Optional<Boolean> network() {
    return Optional.of(networkName.filter(n -> !n.equals("none")).isPresent());
  }
}
