package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import java.time.Duration;

/**
 * The shape every runtime gives a call it stopped itself (see {@link ExecutionResult}): the status,
 * no exit code (the skill did not exit by itself), a message saying why, no violations, a duration
 * no longer than the caller waited; the timeout or output limit named in {@code limit} (the shape
 * {@link dev.skillrt.spi.CallControl#stoppedResult} builds).
 */
final class ResultShape {

  /** Clocks may differ by this much between the runtime's measure and the kit's. */
  private static final Duration CLOCK_SLACK = Duration.ofMillis(20);

  private ResultShape() {}

  static void assertTimedOut(ExecutionResult r, Duration timeout, Duration waited) {
    assertStopped(r, ExecutionStatus.TIMED_OUT, waited);
    assertThat(r.message()).as("a timeout says so").startsWith("timed out after ");
    assertThat(r.metadata())
        .as("a timeout names the limit: %s", r.message())
        .containsEntry("limit", "timeout");
    assertThat(r.duration())
        .as("a timeout is reported after the timeout, not before: %s", r.message())
        .isGreaterThanOrEqualTo(timeout.dividedBy(2));
  }

  static void assertCancelled(ExecutionResult r, Duration waited) {
    assertStopped(r, ExecutionStatus.CANCELLED, waited);
  }

  static void assertStoppedAtOutputLimit(ExecutionResult r, Duration waited) {
    assertStopped(r, ExecutionStatus.KILLED_BY_LIMIT, waited);
    assertThat(r.metadata())
        .as("a result stopped at a limit names the limit: %s", r.message())
        .containsEntry("limit", "output");
  }

  private static void assertStopped(ExecutionResult r, ExecutionStatus status, Duration waited) {
    assertThat(r.status()).as(r.message()).isEqualTo(status);
    assertThat(r.exitCode())
        .as("a call the runtime stopped has no exit code of its own (%s)", status)
        .isEmpty();
    assertThat(r.message()).as("a %s result says why", status).isNotBlank();
    assertThat(r.violations()).as("only a denial lists violations").isEmpty();
    assertThat(r.duration())
        .as("the duration of a %s call", status)
        .isGreaterThanOrEqualTo(Duration.ZERO)
        .isLessThanOrEqualTo(waited.plus(CLOCK_SLACK));
  }
}
