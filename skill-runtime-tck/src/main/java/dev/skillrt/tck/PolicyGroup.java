package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.api.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule's denial is {@code DENIED} with every violation and no exit code; nothing runs; warnings
 * do not deny; a throwing rule denies; no secret leaves in a denial.
 */
abstract class PolicyGroup extends KitGroup {

  private static PolicyRule denying(String id) {
    return PolicyRule.of(id, (req, phase) -> List.of(Violation.error(id, "no", "x")));
  }

  @Test
  void aRuleThatObjectsYieldsDeniedWithEveryViolation() {
    ExecutionResult r =
        run(
            request(fixtures().echoStdin())
                .policyRule(denying("tck.first"))
                .policyRule(denying("tck.second")));
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).contains("tck.first", "tck.second");
    assertThat(r.message()).as("a denial says why").isNotBlank();
    assertThat(r.stdout().size()).isZero();
  }

  @Test
  void aDeniedRequestRunsNothing() {
    List<String> ran = new ArrayList<>();
    ExecutionResult r =
        run(
            request(fixtures().echoStdin())
                .stdin("should not run")
                .policyRule(denying("tck.deny"))
                .outputListener((stream, chunk) -> ran.add("output")));
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.exitCode()).isEmpty();
    assertThat(ran).isEmpty();
  }

  @Test
  void aWarningDoesNotDeny() {
    PolicyRule warn =
        PolicyRule.of(
            "tck.warn", (req, phase) -> List.of(Violation.warning("tck.warn", "careful", "x")));
    ExecutionResult r = run(request(fixtures().echoStdin()).stdin("ok").policyRule(warn));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aRuleThatThrowsDeniesTheRequest() {
    PolicyRule broken =
        PolicyRule.of(
            "tck.broken",
            (req, phase) -> {
              throw new IllegalStateException("bug in a rule");
            });
    ExecutionResult r = run(request(fixtures().echoStdin()).policyRule(broken));
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).contains("tck.broken");
  }

  @Test
  void secretsNeverLeaveInADenial() {
    String secret = "tck-secret-" + System.nanoTime();
    PolicyRule quoting =
        PolicyRule.of(
            "tck.quoting",
            (req, phase) ->
                List.of(Violation.error("tck.quoting", "the token " + secret + " is bad", secret)));
    PolicyRule throwing =
        PolicyRule.of(
            "tck.throwing",
            (req, phase) -> {
              throw new IllegalStateException("cannot parse " + secret);
            });
    ExecutionResult r =
        run(
            request(fixtures().echoStdin())
                .secretValue(secret)
                .policyRule(quoting)
                .policyRule(throwing));
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.message()).doesNotContain(secret);
    assertThat(r.violations())
        .hasSize(2)
        .allSatisfy(
            v -> {
              assertThat(v.message()).doesNotContain(secret);
              assertThat(v.offendingValue()).doesNotContain(secret);
            });
  }

  @Test
  void denialCanBeTurnedIntoAnException() {
    ExecutionResult r = run(request(fixtures().echoStdin()).policyRule(denying("tck.deny")));
    assertThatThrownBy(r::throwIfDenied)
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("tck.deny");
  }
}
