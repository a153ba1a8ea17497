package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Map;

/**
 * {@code docker.environment}: variable names are plain ({@code [A-Za-z_][A-Za-z0-9_]*}) and values
 * hold no NUL, so that an entry cannot smuggle a second one.
 */
final class EnvironmentRule extends DockerRule {

  EnvironmentRule() {
    super("docker.environment");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Map.Entry<String, String> e : request.environment().entrySet()) {
      if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        out.add(error("environment variable name \"" + e.getKey() + "\" is not plain", e.getKey()));
      } else if (e.getValue().indexOf('\0') >= 0) {
        out.add(error("environment variable " + e.getKey() + " holds a NUL byte", e.getKey()));
      }
    }
  }
}
