package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.function.BiFunction;
import org.apiguardian.api.API;

/**
 * One policy check on a request before it runs. Rules compose: a runtime asks every rule (its own,
 * from {@code SkillRuntimeProvider.policyRules}, and those a caller that uses the runtime directly
 * put in {@link ExecutionRequest#policyRules()}) and denies the request with every error found. The
 * engine checks its own rules itself, once, and never puts them in the request.
 *
 * <p>Lives in {@code dev.skillrt.api} because requests carry it: a backend implements it too.
 *
 * <p>Implementations are stateless or immutable and thread-safe; a rule that needs a runtime's
 * config captures it when created. A rule must not throw: an exception counts as a violation (the
 * request is denied, fail-closed).
 */
@API(status = STABLE, since = "0.1")
public interface PolicyRule {

  /** A stable id such as {@code docker.privileged}; also the prefix of its violations' ids. */
  String id();

  /**
   * Checks a request.
   *
   * @param request the request as it would run
   * @param phase {@link PolicyPhase#VALIDATE} ahead of time, {@link PolicyPhase#EXECUTE} right
   *     before running; a fact that may change by run time is a warning at validation
   * @return every violation found, empty when the request is fine
   */
  List<Violation> check(ExecutionRequest request, PolicyPhase phase);

  /** A rule from an id and a function. */
  static PolicyRule of(
      String id, BiFunction<ExecutionRequest, PolicyPhase, List<Violation>> check) {
    return new PolicyRule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public List<Violation> check(ExecutionRequest request, PolicyPhase phase) {
        return check.apply(request, phase);
      }

      @Override
      public String toString() {
        return "PolicyRule[" + id + "]";
      }
    };
  }
}
