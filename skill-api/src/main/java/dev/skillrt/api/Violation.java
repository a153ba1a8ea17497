package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One policy rule's objection to a request.
 *
 * @param ruleId a stable identifier, e.g. {@code docker.privileged} or {@code limits.loosened}
 * @param message what is wrong and what to do, for a person
 * @param offendingValue the value that broke the rule, as found (already redacted when secret)
 * @param severity {@link Severity#ERROR} denies the request; {@link Severity#WARNING} only reports
 */
@API(status = STABLE, since = "0.1")
public record Violation(String ruleId, String message, String offendingValue, Severity severity) {

  /**
   * Rule id of the one refusal every part uses for "too many calls at once": the engine's {@code
   * max_concurrent_requests} gate and a runtime's own call slots. Such a call is {@link
   * ExecutionStatus#DENIED} (it never ran; retrying later may work), not {@link
   * ExecutionStatus#TIMED_OUT}, which says a skill ran out of time. The WASM runtime's {@code
   * wasm.stuck-calls} (every slot held by a module that cannot be stopped) stays distinct.
   */
  public static final String TOO_MANY_CALLS = "concurrency.busy";

  /** An error: the request is denied. */
  public static Violation error(String ruleId, String message, String offendingValue) {
    return new Violation(ruleId, message, offendingValue, Severity.ERROR);
  }

  /** A warning: reported by validation, does not deny. */
  public static Violation warning(String ruleId, String message, String offendingValue) {
    return new Violation(ruleId, message, offendingValue, Severity.WARNING);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return "[" + ruleId + "] " + message + " (found: " + offendingValue + ")";
  }

  /** How serious a violation is. */
  public enum Severity {
    ERROR,
    WARNING
  }
}
