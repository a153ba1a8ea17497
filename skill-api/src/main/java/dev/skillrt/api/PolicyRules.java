package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** Runs a list of {@link PolicyRule}s and gathers what they find. */
@API(status = STABLE, since = "0.1")
public final class PolicyRules {

  private PolicyRules() {}

  /**
   * Asks every rule; a rule that throws becomes an error violation with its id (fail-closed).
   *
   * @return every violation, in rule order
   */
  public static List<Violation> evaluate(
      List<? extends PolicyRule> rules, ExecutionRequest request, PolicyPhase phase) {
    List<Violation> out = new ArrayList<>();
    for (PolicyRule rule : rules) {
      try {
        out.addAll(rule.check(request, phase));
      } catch (RuntimeException e) {
        out.add(
            Violation.error(
                rule.id(),
                "policy rule " + rule.id() + " failed, so the request is denied: " + e,
                rule.id()));
      }
    }
    return out;
  }

  /** Only the errors (the violations that deny). */
  public static List<Violation> errors(List<Violation> violations) {
    if (violations.isEmpty()) {
      return List.of(); // the usual case, on every call: no stream for it
    }
    return violations.stream().filter(Violation::isError).toList();
  }
}
