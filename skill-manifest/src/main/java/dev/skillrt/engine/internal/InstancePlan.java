package dev.skillrt.engine.internal;

import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyRule;
import java.util.List;
import java.util.Map;

/**
 * What every call of one instance of one skill gets, whatever its tool and arguments: worked out
 * once from the (unchanging) manifest and shared by the calls.
 *
 * @param network whether the call may reach a network
 * @param mounts the host folders granted
 * @param grants what the engine's rules hold the request to
 * @param environment the variables of the manifest's defaults, the runtime's table, the instance
 *     ({@code env}, {@code SKILL_CONFIG_*}) and {@code SKILL_INSTANCE}, in that order
 * @param rules the engine's own rules for the call
 * @param manifestSecrets the secret values of the manifest's defaults and of the instance
 */
record InstancePlan(
    boolean network,
    List<Mount> mounts,
    Grants grants,
    Map<String, String> environment,
    List<PolicyRule> rules,
    List<KnownSecret> manifestSecrets) {

  InstancePlan {
    mounts = List.copyOf(mounts);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    rules = List.copyOf(rules);
    manifestSecrets = List.copyOf(manifestSecrets);
  }
}
