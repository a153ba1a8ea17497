package dev.skillrt.runtime.docker.policy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.PolicyRule;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The Docker policy: every rule, built for one runtime config. Needs no engine. Each rule's id and
 * what it denies are in {@code docs/docker-policy.md}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DockerPolicy {

  private DockerPolicy() {}

  /** Every Docker rule, in a stable order (the allow-list rule last). */
  public static List<PolicyRule> rules(DockerRuntimeConfig config) {
    List<DockerRule> topical = new ArrayList<>();
    topical.add(new ImageRule());
    topical.add(new CpusRule());
    topical.add(
        new DeniedFlagRule(
            "docker.privileged",
            Set.of("privileged"),
            flag -> true,
            "privileged containers see every device and hold every capability"));
    topical.add(new CapabilitiesRule(config));
    topical.add(new SecurityOptionsRule());
    topical.add(new NoNewPrivilegesRule());
    topical.add(new NamespacesRule());
    topical.add(new NetworkRule());
    topical.add(new DevicesRule(config));
    topical.add(new MountsRule(config));
    topical.add(new UserRule(config));
    topical.add(new ReadOnlyRootRule());
    topical.add(
        new DeniedFlagRule(
            "docker.ports",
            Set.of("publish", "publish-all", "expose"),
            flag -> true,
            "a skill publishes no ports"));
    topical.add(new SysctlsRule());
    topical.add(new UlimitsRule());
    topical.add(
        new DeniedFlagRule(
            "docker.oom-kill-disable",
            Set.of("oom-kill-disable"),
            flag -> true,
            "the memory limit must be able to stop the skill"));
    topical.add(
        new DeniedFlagRule(
            "docker.runtime",
            Set.of("runtime"),
            flag -> !flag.valueOrEmpty().trim().toLowerCase(Locale.ROOT).equals("runc"),
            "only the default runtime (runc) is allowed"));
    topical.add(new EnvironmentRule());
    Set<String> judged = new HashSet<>();
    topical.forEach(rule -> judged.addAll(rule.flagsJudged()));
    List<PolicyRule> all = new ArrayList<>(topical);
    all.add(new ExtraArgsRule(config, judged));
    return List.copyOf(all);
  }
}
