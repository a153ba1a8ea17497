package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker.namespaces}: the container keeps private pid, ipc, uts, user and cgroup namespaces.
 * {@code --pid}, {@code --ipc}, {@code --uts}, {@code --userns} and {@code --cgroupns} are denied
 * unless they name the private default ({@code --ipc=private}, {@code --cgroupns=private}); {@code
 * host} and {@code container:*} in any case are denied.
 */
final class NamespacesRule extends DockerRule {

  private static final Map<String, Set<String>> HARMLESS =
      Map.of(
          "pid", Set.of(),
          "ipc", Set.of("private"),
          "uts", Set.of(),
          "userns", Set.of(),
          "cgroupns", Set.of("private"));

  NamespacesRule() {
    super("docker.namespaces");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Flag flag : args.flags()) {
      Set<String> harmless = HARMLESS.get(flag.name());
      if (harmless == null) {
        continue;
      }
      String value = flag.valueOrEmpty().trim().toLowerCase(Locale.ROOT);
      if (!harmless.contains(value)) {
        out.add(
            error(
                "the container's "
                    + flag.name()
                    + " namespace stays private; "
                    + (value.equals("host") || value.startsWith("container:")
                        ? "sharing the host's or another container's is denied"
                        : "only the private default may be named"),
                flag.shown()));
      }
    }
  }

  @Override
  Set<String> flagsJudged() {
    return HARMLESS.keySet();
  }
}
