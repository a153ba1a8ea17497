package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.util.List;
import java.util.Set;

/**
 * {@code docker.capabilities}: {@code --cap-add} only for capabilities on the runtime's {@code
 * allowed-capabilities} list (names compared in upper case, with or without {@code CAP_}); {@code
 * ALL} never.
 */
final class CapabilitiesRule extends DockerRule {

  private final Set<String> allowed;

  CapabilitiesRule(DockerRuntimeConfig config) {
    super("docker.capabilities");
    this.allowed = config.allowedCapabilities();
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Flag flag : args.named("cap-add")) {
      for (String raw : flag.valueOrEmpty().split(",", -1)) {
        String name = DockerRuntimeConfig.capabilityName(raw);
        if (name.isEmpty() || name.equals("ALL") || !allowed.contains(name)) {
          out.add(
              error(
                  "capability "
                      + (name.isEmpty() ? "(empty)" : name)
                      + " may not be added"
                      + " (every capability is dropped; the runtime allows "
                      + (allowed.isEmpty()
                          ? "none"
                          : String.join(", ", allowed.stream().sorted().toList()))
                      + "; an operator can extend allowed-capabilities)",
                  flag.shown()));
        }
      }
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("cap-add");
  }
}
