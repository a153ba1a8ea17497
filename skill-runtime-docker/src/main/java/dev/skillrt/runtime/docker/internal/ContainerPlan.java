package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.runtime.docker.policy.BoundMounts;
import dev.skillrt.runtime.docker.policy.ExtraArgs;
import dev.skillrt.runtime.docker.policy.Flag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a container is created with, worked out from a request that passed the policy: the
 * hardened defaults, the skill's limits, and the allow-listed {@code extra_args} mapped to the
 * Engine API. A flag it does not know is an error here too (fail closed), never dropped.
 *
 * @param image the image
 * @param entrypoint the entrypoint override, empty for the image's
 * @param command the command
 * @param environment {@code NAME=value} entries
 * @param user {@code uid:gid}
 * @param workingDir the working folder, if any
 * @param network the network mode ({@code none} unless granted)
 * @param platform the platform, if any
 * @param labels the container's labels
 * @param openStdin whether stdin is attached (only when the request has input)
 * @param hostConfig the host config (limits, confinement, mounts)
 */
public record ContainerPlan(
    String image,
    List<String> entrypoint,
    List<String> command,
    List<String> environment,
    String user,
    Optional<String> workingDir,
    String network,
    Optional<String> platform,
    Map<String, String> labels,
    boolean openStdin,
    HostConfig hostConfig) {

  /** Works out the plan. */
  public static ContainerPlan of(
      ExecutionRequest request, DockerRuntimeConfig config, Map<String, String> ownLabels) {
    ContainerSpec spec = request.spec(ContainerSpec.class);
    Limits limits = request.limits();
    String network =
        spec.network()
            .filter(n -> request.networkAllowed())
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .orElse("none");
    Map<String, String> labels = new LinkedHashMap<>();
    List<String> environment = new ArrayList<>();
    Map<String, String> tmpfs = new LinkedHashMap<>();
    tmpfs.put("/tmp", "rw,nosuid,nodev,size=" + config.tmpSize().bytes() + ",mode=1777");
    List<Capability> capAdd = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    List<DeviceRequest> deviceRequests = new ArrayList<>();
    Map<String, String> sysctls = new LinkedHashMap<>();
    List<Ulimit> ulimits = new ArrayList<>();
    List<String> groupAdd = new ArrayList<>();
    boolean init = false;
    boolean readOnly = spec.readOnlyRootFilesystem();
    Long shmSize = null;

    for (Flag flag : spec.parsedExtraArgs().flags()) {
      String value = flag.valueOrEmpty();
      switch (flag.name()) {
        case "init" -> init = flag.isOn();
        case "read-only" -> readOnly = true;
        case "rm", "cap-drop" -> {
          // the container is always removed and every capability is dropped
        }
        case "security-opt", "ipc", "cgroupns", "network", "runtime" -> {
          // only the defaults pass the policy (no-new-privileges, private, none, runc)
          if (flag.name().equals("network")) {
            network = "none";
          }
        }
        case "label" -> {
          int eq = value.indexOf('=');
          labels.put(
              eq < 0 ? value : value.substring(0, eq), eq < 0 ? "" : value.substring(eq + 1));
        }
        case "env" -> environment.add(value);
        case "tmpfs" -> {
          int colon = value.indexOf(':');
          String path = colon < 0 ? value : value.substring(0, colon);
          String options = colon < 0 ? "" : value.substring(colon + 1);
          tmpfs.put(
              ExtraArgs.normalizedContainerPath(path),
              (options.isEmpty() ? "" : options + ",") + "nosuid,nodev");
        }
        case "shm-size" -> shmSize = sizeOf(value).bytes();
        case "cap-add" -> {
          for (String name : value.split(",")) {
            capAdd.add(capability(DockerRuntimeConfig.capabilityName(name)));
          }
        }
        case "device" ->
            devices.add(Device.parse(value.contains(":") ? value : value + ":" + value));
        case "gpus" -> deviceRequests.add(gpus(value));
        case "sysctl" -> {
          int eq = value.indexOf('=');
          sysctls.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
        }
        case "ulimit" -> ulimits.add(ulimit(value));
        case "group-add" -> groupAdd.add(gid(value));
        default ->
            throw new IllegalStateException(
                "extra_args flag "
                    + flag.shown()
                    + " reached the container config; the policy"
                    + " should have denied it");
      }
    }
    spec.gpus().ifPresent(g -> deviceRequests.add(gpus(g)));
    environment.addAll(
        request.environment().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .toList());
    labels.putAll(ownLabels);

    long pids = limits.processes().isPresent() ? limits.processes().getAsInt() : config.pidsLimit();
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode(network)
            .withPrivileged(false)
            .withCapDrop(Capability.ALL)
            .withSecurityOpts(List.of("no-new-privileges"))
            .withPidsLimit(pids)
            .withReadonlyRootfs(readOnly)
            .withTmpFs(tmpfs)
            .withIpcMode("private")
            .withCgroupnsMode("private")
            .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
            .withInit(init)
            .withAutoRemove(false)
            .withBinds(binds(request.mounts(), new BoundMounts(config)));
    if (!capAdd.isEmpty()) {
      host.withCapAdd(capAdd.toArray(Capability[]::new));
    }
    if (!devices.isEmpty()) {
      host.withDevices(devices);
    }
    if (!deviceRequests.isEmpty()) {
      host.withDeviceRequests(deviceRequests);
    }
    if (!sysctls.isEmpty()) {
      host.withSysctls(sysctls);
    }
    if (!ulimits.isEmpty()) {
      host.withUlimits(ulimits);
    }
    if (!groupAdd.isEmpty()) {
      host.withGroupAdd(groupAdd);
    }
    if (shmSize != null) {
      host.withShmSize(shmSize);
    }
    limits.memory().ifPresent(m -> host.withMemory(m.bytes()).withMemorySwap(m.bytes()));
    if (limits.cpus().isPresent()) {
      host.withNanoCPUs(nanoCpus(limits.cpus().getAsDouble()));
    }
    return new ContainerPlan(
        spec.image(),
        spec.entrypoint(),
        spec.command(),
        List.copyOf(environment),
        user(spec.user().orElse(config.defaultUser())),
        spec.workingDir().or(request::workingDirectory),
        network,
        spec.platform(),
        Map.copyOf(labels),
        request.hasStdin(),
        host);
  }

  /** Docker's smallest CPU limit in nano-CPUs (0.01 CPUs); 0 would mean no limit at all. */
  static final long MIN_NANO_CPUS = 10_000_000L;

  /**
   * The nano-CPUs for a CPU limit. Never 0 (Docker reads 0 as "no limit"): a limit below 0.01 CPUs
   * is refused, even if the policy let it through.
   */
  static long nanoCpus(double cpus) {
    double nanos = cpus * 1_000_000_000d;
    if (!(nanos >= MIN_NANO_CPUS) || Double.isInfinite(nanos)) {
      throw new ConfigurationException(
          "a CPU limit of "
              + cpus
              + " is below Docker's minimum of 0.01 CPUs, which would mean"
              + " no limit; set cpus to at least 0.01");
    }
    return (long) nanos;
  }

  /** Only numeric gids pass the policy (a name would be looked up inside the image). */
  private static String gid(String value) {
    String gid = value.trim();
    if (!DockerRuntimeConfig.isId(gid)) {
      throw new ConfigurationException(
          "--group-add " + value + " is not a numeric gid from 0 to " + DockerRuntimeConfig.MAX_ID);
    }
    return gid;
  }

  /** A bare uid gets the same number as gid: Docker would otherwise run it with gid 0. */
  static String user(String user) {
    String trimmed = user.trim();
    return trimmed.contains(":") ? trimmed : trimmed + ":" + trimmed;
  }

  private static List<Bind> binds(List<Mount> mounts, BoundMounts judge) {
    List<Bind> binds = new ArrayList<>();
    for (Mount mount : mounts) {
      // the path bound is the real path judged here, not one resolved again later
      String host = judge.realPathToBind(mount).toString();
      binds.add(
          new Bind(
              host,
              new Volume(mount.guestPath()),
              mount.readOnly()
                  ? com.github.dockerjava.api.model.AccessMode.ro
                  : com.github.dockerjava.api.model.AccessMode.rw));
    }
    return binds;
  }

  /**
   * Checks, right before the container is created, that every mount still resolves to the path this
   * plan binds.
   *
   * @throws dev.skillrt.api.PolicyViolationException when one changed
   */
  public void verifyMountsUnchanged(List<Mount> mounts) {
    Bind[] binds = hostConfig.getBinds();
    List<Path> bound = new ArrayList<>();
    if (binds != null) {
      for (Bind bind : binds) {
        bound.add(Path.of(bind.getPath()));
      }
    }
    if (bound.size() != mounts.size()) {
      throw new IllegalStateException(
          "the plan binds " + bound.size() + " of " + mounts.size() + " mounts");
    }
    BoundMounts.verifyUnchanged(mounts, bound);
  }

  private static Capability capability(String name) {
    try {
      return Capability.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("unknown capability " + name + " in --cap-add");
    }
  }

  private static DeviceRequest gpus(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    DeviceRequest request =
        new DeviceRequest().withCapabilities(List.of(List.of("gpu"))).withDriver("");
    if (v.equals("all")) {
      return request.withCount(-1);
    }
    if (v.matches("[0-9]+")) {
      return request.withCount(Integer.parseInt(v));
    }
    if (v.startsWith("device=")) {
      return request.withDeviceIds(List.of(value.trim().substring(7).split(",")));
    }
    throw new ConfigurationException("gpus \"" + value + "\" is not all, a count or device=ids");
  }

  private static Ulimit ulimit(String value) {
    int eq = value.indexOf('=');
    String[] parts = value.substring(eq + 1).split(":");
    long soft = Long.parseLong(parts[0].trim());
    long hard = parts.length > 1 ? Long.parseLong(parts[1].trim()) : soft;
    return new Ulimit(value.substring(0, eq).trim(), soft, hard);
  }

  private static DataSize sizeOf(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1);
    }
    return DataSize.parse(t);
  }
}
