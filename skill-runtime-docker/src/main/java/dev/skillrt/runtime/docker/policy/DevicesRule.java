package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code docker.devices}: no host device reaches a container unless the runtime allows it: {@code
 * --device} only for host paths on {@code allowed-devices}; {@code --device-cgroup-rule} never;
 * GPUs (the manifest's {@code gpus} or {@code --gpus}) only with {@code allow-gpus=true}.
 */
final class DevicesRule extends DockerRule {

  private final Set<String> allowedDevices;
  private final boolean allowGpus;

  DevicesRule(DockerRuntimeConfig config) {
    super("docker.devices");
    this.allowedDevices = config.allowedDevices();
    this.allowGpus = config.allowGpus();
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    if (spec.gpus().isPresent() && !allowGpus) {
      out.add(error("GPUs are not allowed by this runtime (allow-gpus=false)", spec.gpus().get()));
    }
    for (Flag flag : args.flags()) {
      switch (flag.name()) {
        case "gpus" -> {
          if (!allowGpus) {
            out.add(error("GPUs are not allowed by this runtime (allow-gpus=false)", flag.shown()));
          }
        }
        case "device-cgroup-rule" ->
            out.add(error("device cgroup rules are never allowed", flag.shown()));
        case "device" -> {
          String hostPart = flag.valueOrEmpty().split(":", -1)[0];
          String normalized = hostPart.isEmpty() ? "" : Path.of(hostPart).normalize().toString();
          if (!allowedDevices.contains(normalized)) {
            out.add(
                error(
                    "host device "
                        + (hostPart.isEmpty() ? "(none)" : hostPart)
                        + " is not on allowed-devices",
                    flag.shown()));
          }
        }
        default -> {}
      }
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("gpus", "device", "device-cgroup-rule");
  }
}
