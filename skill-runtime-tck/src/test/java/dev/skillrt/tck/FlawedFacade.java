package dev.skillrt.tck;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.SkillRuntime;
import java.time.Duration;
import java.util.List;

/**
 * Puts the flaws that live outside {@code run} in front of an {@link InMemorySkillRuntime}: a
 * runtime that skips its policy check or its capability check, or one that ignores close.
 */
final class FlawedFacade implements SkillRuntime {

  private final InMemorySkillRuntime inner;

  FlawedFacade(InMemorySkillRuntime inner) {
    this.inner = inner;
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public ExecutionResult execute(ExecutionRequest request) {
    if (inner.has(InMemorySkillRuntime.Flaw.IGNORES_POLICY)) {
      inner.requireOpen();
      return inner.run(request);
    }
    if (inner.has(InMemorySkillRuntime.Flaw.IGNORES_UNSUPPORTED_LIMITS)) {
      inner.requireOpen();
      return runIfAllowed(
          request, PolicyRules.evaluate(request.policyRules(), request, PolicyPhase.EXECUTE));
    }
    if (inner.has(InMemorySkillRuntime.Flaw.WORKS_AFTER_CLOSE)) {
      return runIfAllowed(request, inner.check(request, PolicyPhase.EXECUTE));
    }
    return inner.execute(request);
  }

  private ExecutionResult runIfAllowed(ExecutionRequest request, List<Violation> violations) {
    List<Violation> errors =
        PolicyRules.errors(violations).stream()
            .map(
                v ->
                    new Violation(
                        v.ruleId(),
                        request.redact(v.message()),
                        request.redact(v.offendingValue()),
                        v.severity()))
            .toList();
    return errors.isEmpty() ? inner.run(request) : ExecutionResult.denied(errors, Duration.ZERO);
  }

  @Override
  public void close() {
    if (!inner.has(InMemorySkillRuntime.Flaw.WORKS_AFTER_CLOSE)) {
      inner.close();
    }
  }
}
