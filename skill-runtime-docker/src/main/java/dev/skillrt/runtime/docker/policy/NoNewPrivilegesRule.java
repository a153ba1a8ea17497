package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Set;

/**
 * {@code docker.no-new-privileges}: the runtime always sets {@code no-new-privileges}; a {@code
 * --security-opt no-new-privileges=false} (or {@code :false}, {@code =0}) is denied.
 */
final class NoNewPrivilegesRule extends DockerRule {

  NoNewPrivilegesRule() {
    super("docker.no-new-privileges");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Flag flag : args.named("security-opt")) {
      String option = flag.valueOrEmpty();
      if (SecurityOptionsRule.optionKey(option).equals("no-new-privileges")) {
        String value = SecurityOptionsRule.optionValue(option);
        if (!(value.isEmpty() || value.equals("true") || value.equals("1"))) {
          out.add(
              error(
                  "no-new-privileges may not be turned off (set-uid binaries must not gain"
                      + " privileges)",
                  flag.shown()));
        }
      }
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("security-opt");
  }
}
