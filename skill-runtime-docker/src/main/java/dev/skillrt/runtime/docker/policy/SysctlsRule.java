package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Set;

/**
 * {@code docker.sysctls}: {@code --sysctl} only for the namespaced sysctls known to be safe (the
 * set Kubernetes calls safe); everything else, such as {@code kernel.*} or {@code
 * net.ipv4.ip_forward}, is denied.
 */
final class SysctlsRule extends DockerRule {

  static final Set<String> SAFE =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_unprivileged_port_start");

  SysctlsRule() {
    super("docker.sysctls");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Flag flag : args.named("sysctl")) {
      String value = flag.valueOrEmpty();
      int eq = value.indexOf('=');
      String key = (eq < 0 ? value : value.substring(0, eq)).trim().replace('/', '.');
      if (eq < 0 || !SAFE.contains(key)) {
        out.add(
            error(
                "sysctl "
                    + (key.isEmpty() ? "(none)" : key)
                    + " is not on the safe list "
                    + SAFE.stream().sorted().toList(),
                flag.shown()));
      }
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("sysctl");
  }
}
