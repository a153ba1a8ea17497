package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code docker.network}: the manifest's {@code network} may name {@code none}, {@code bridge} or a
 * user-defined network; {@code host} and {@code container:*} (any case) never, nor {@code nat} (the
 * default network of Windows engines, which no Linux engine has). Whether a named network exists is
 * known only to the engine: the runtime asks it before the container is created. In {@code
 * extra_args}, {@code --network}/{@code --net} may only say {@code none} (a grant belongs in the
 * {@code network} field), and flags that reach into the host's network setup are left to the
 * allow-list.
 */
final class NetworkRule extends DockerRule {

  NetworkRule() {
    super("docker.network");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    spec.network().ifPresent(network -> checkName(network, out));
    for (Flag flag : args.named("network")) {
      String value = flag.valueOrEmpty().trim().toLowerCase(Locale.ROOT);
      if (!value.equals("none")) {
        out.add(
            error(
                "extra_args may not choose the network; name a granted network in the"
                    + " manifest's network field (host and container:* are never granted)",
                flag.shown()));
      }
    }
  }

  private void checkName(String network, List<Violation> out) {
    String lower = network.trim().toLowerCase(Locale.ROOT);
    if (lower.equals("host")
        || lower.startsWith("container:")
        || lower.startsWith("container") && lower.contains(":")) {
      out.add(
          error(
              "network \""
                  + network
                  + "\" shares the host's or another container's network;"
                  + " use bridge or a user-defined network",
              network));
    } else if (lower.equals("nat")) {
      out.add(
          error(
              "network \""
                  + network
                  + "\" is the default network of Windows engines; a Linux"
                  + " engine has none by that name. Use bridge or a user-defined network (docker"
                  + " network create NAME)",
              network));
    } else if (!network.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      out.add(
          error(
              "network \"" + network + "\" is not a network name (letters, digits, _ . -)",
              network));
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("network");
  }
}
