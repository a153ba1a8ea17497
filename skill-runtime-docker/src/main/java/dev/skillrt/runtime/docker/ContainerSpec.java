package dev.skillrt.runtime.docker;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.runtime.docker.policy.ExtraArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A container to run (the {@code docker} runtime): the fields of an upstream {@code
 * [skills.NAME.docker]} table after variable expansion. Volumes, environment, memory and cpus
 * travel in the {@link dev.skillrt.api.ExecutionRequest} as mounts, environment and {@link
 * dev.skillrt.api.Limits}.
 *
 * <p>Immutable; build with {@link #builder(String)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ContainerSpec implements RuntimeSpec {

  private final String image;
  private final List<String> entrypoint;
  private final List<String> command;
  private final @Nullable String user;
  private final @Nullable String workingDir;
  private final @Nullable String network;
  private final boolean readOnlyRootFilesystem;
  private final boolean remove;
  private final @Nullable String gpus;
  private final @Nullable String platform;
  private final List<String> extraArgs;
  private final Map<String, String> options;
  private final ExtraArgs parsedExtraArgs;

  private ContainerSpec(Builder b) {
    this.image = b.image;
    this.entrypoint = List.copyOf(b.entrypoint);
    this.command = List.copyOf(b.command);
    this.user = b.user;
    this.workingDir = b.workingDir;
    this.network = b.network;
    this.readOnlyRootFilesystem = b.readOnlyRootFilesystem;
    this.remove = b.remove;
    this.gpus = b.gpus;
    this.platform = b.platform;
    this.extraArgs = List.copyOf(b.extraArgs);
    this.options = Map.copyOf(b.options);
    this.parsedExtraArgs = ExtraArgs.parse(extraArgs);
  }

  public static Builder builder(String image) {
    return new Builder(image);
  }

  /**
   * {@link #extraArgs()} parsed once, when the spec is built: every policy rule and the container
   * plan read this instead of parsing the flags again.
   */
  public ExtraArgs parsedExtraArgs() {
    return parsedExtraArgs;
  }

  public Builder toBuilder() {
    Builder b = new Builder(image);
    b.entrypoint.addAll(entrypoint);
    b.command.addAll(command);
    b.user = user;
    b.workingDir = workingDir;
    b.network = network;
    b.readOnlyRootFilesystem = readOnlyRootFilesystem;
    b.remove = remove;
    b.gpus = gpus;
    b.platform = platform;
    b.extraArgs.addAll(extraArgs);
    b.options.putAll(options);
    return b;
  }

  /** The image reference, e.g. {@code busybox:latest}. */
  public String image() {
    return image;
  }

  /** Overrides the image's entrypoint when not empty. */
  public List<String> entrypoint() {
    return entrypoint;
  }

  /** The command (the manifest's {@code command} followed by the tool's arguments). */
  public List<String> command() {
    return command;
  }

  /** {@code uid:gid} or a name; absent means the runtime's hardened default. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<String> workingDir() {
    return Optional.ofNullable(workingDir);
  }

  /** The network the manifest grants ({@code bridge} or a user-defined one); absent is none. */
  public Optional<String> network() {
    return Optional.ofNullable(network);
  }

  /** Whether the root filesystem is read-only (default {@code true}). */
  public boolean readOnlyRootFilesystem() {
    return readOnlyRootFilesystem;
  }

  /** Whether the container is removed after the call (default {@code true}). */
  public boolean remove() {
    return remove;
  }

  public Optional<String> gpus() {
    return Optional.ofNullable(gpus);
  }

  public Optional<String> platform() {
    return Optional.ofNullable(platform);
  }

  /** Upstream {@code extra_args}: flags the runtime parses against its allow-list. */
  public List<String> extraArgs() {
    return extraArgs;
  }

  /** Backend-specific settings granted by the manifest (e.g. {@code allow_root=true}). */
  public Map<String, String> options() {
    return options;
  }

  @Override
  public String describe() {
    return command.isEmpty() ? image : image + " " + String.join(" ", command);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContainerSpec c
        && image.equals(c.image)
        && entrypoint.equals(c.entrypoint)
        && command.equals(c.command)
        && Objects.equals(user, c.user)
        && Objects.equals(workingDir, c.workingDir)
        && Objects.equals(network, c.network)
        && readOnlyRootFilesystem == c.readOnlyRootFilesystem
        && remove == c.remove
        && Objects.equals(gpus, c.gpus)
        && Objects.equals(platform, c.platform)
        && extraArgs.equals(c.extraArgs)
        && options.equals(c.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(image, entrypoint, command, user, workingDir, network, extraArgs);
  }

  @Override
  public String toString() {
    return "ContainerSpec{" + describe() + "}";
  }

  /** Builds a {@link ContainerSpec}. Not thread-safe. */
  public static final class Builder {
    private String image;
    private final List<String> entrypoint = new ArrayList<>();
    private final List<String> command = new ArrayList<>();
    private @Nullable String user;
    private @Nullable String workingDir;
    private @Nullable String network;
    private boolean readOnlyRootFilesystem = true;
    private boolean remove = true;
    private @Nullable String gpus;
    private @Nullable String platform;
    private final List<String> extraArgs = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder(String image) {
      this.image = image;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint.clear();
      this.entrypoint.addAll(entrypoint);
      return this;
    }

    public Builder command(List<String> command) {
      this.command.clear();
      this.command.addAll(command);
      return this;
    }

    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    public Builder workingDir(@Nullable String workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    public Builder network(@Nullable String network) {
      this.network = network;
      return this;
    }

    public Builder readOnlyRootFilesystem(boolean readOnly) {
      this.readOnlyRootFilesystem = readOnly;
      return this;
    }

    public Builder remove(boolean remove) {
      this.remove = remove;
      return this;
    }

    public Builder gpus(@Nullable String gpus) {
      this.gpus = gpus;
      return this;
    }

    public Builder platform(@Nullable String platform) {
      this.platform = platform;
      return this;
    }

    public Builder extraArgs(List<String> extraArgs) {
      this.extraArgs.clear();
      this.extraArgs.addAll(extraArgs);
      return this;
    }

    public Builder option(String key, String value) {
      this.options.put(key, value);
      return this;
    }

    public ContainerSpec build() {
      if (image.isBlank()) {
        throw new IllegalArgumentException("a container spec needs an image");
      }
      return new ContainerSpec(this);
    }
  }
}
