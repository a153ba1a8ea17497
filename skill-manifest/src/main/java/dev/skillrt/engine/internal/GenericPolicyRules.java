package dev.skillrt.engine.internal;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own policy rules, attached to every request it builds: network only where the
 * manifest grants it, mounts only those it grants, limits never loosened past the skill's.
 */
public final class GenericPolicyRules {

  public static final String NETWORK = "engine.network";
  public static final String MOUNTS = "engine.mounts";
  public static final String LIMITS = "engine.limits";

  private GenericPolicyRules() {}

  public static List<PolicyRule> forGrants(Grants grants) {
    return List.of(network(grants), mounts(grants), limits(grants));
  }

  static PolicyRule network(Grants grants) {
    return PolicyRule.of(
        NETWORK,
        (request, phase) -> {
          List<Violation> out = new ArrayList<>();
          if (request.networkAllowed() && !grants.network()) {
            out.add(
                Violation.error(
                    NETWORK,
                    "the request asks for network access, which the manifest does not grant this"
                        + " skill; set capabilities.network_access = true (or a docker network)",
                    "network"));
          }
          return out;
        });
  }

  static PolicyRule mounts(Grants grants) {
    return PolicyRule.of(
        MOUNTS,
        (request, phase) -> {
          List<Violation> out = new ArrayList<>();
          for (Mount m : request.mounts()) {
            boolean granted =
                grants.mounts().stream()
                    .anyMatch(
                        g ->
                            g.hostPath().equals(m.hostPath())
                                && g.guestPath().equals(m.guestPath())
                                && (m.readOnly() || !g.readOnly()));
            if (!granted) {
              out.add(
                  Violation.error(
                      MOUNTS,
                      "the request mounts a host folder the manifest does not grant; list it in"
                          + " capabilities.allowed_paths or docker volumes",
                      m.toString()));
            }
          }
          return out;
        });
  }

  static PolicyRule limits(Grants grants) {
    return PolicyRule.of(
        LIMITS,
        (ExecutionRequest request, PolicyPhase phase) -> {
          List<String> loosened = grants.limits().loosenedIn(request.limits());
          if (loosened.isEmpty()) {
            return List.of();
          }
          return loosened.stream()
              .map(
                  what ->
                      Violation.error(
                          LIMITS,
                          "a call may tighten the skill's limits, never loosen them: " + what,
                          request.limits().toString()))
              .toList();
        });
  }
}
