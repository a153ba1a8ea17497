package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.LimitKind;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code TIMED_OUT} within the timeout plus a grace, in the shape of every stopped call; the
 * skill's children stopped too; nothing left running. Asked of runtimes that enforce {@link
 * LimitKind#TIMEOUT} (a runtime that does not has its timeouts refused, see {@link LimitsGroup}).
 */
abstract class TimeoutGroup extends KitGroup {

  @BeforeEach
  void onlyWhereTimeoutsAreEnforced() {
    assumeTrue(
        runtime().capabilities().limits().contains(LimitKind.TIMEOUT),
        "this runtime does not enforce timeouts");
  }

  @Test
  void aSleepingSkillTimesOutWithinTheTimeoutPlusGrace() {
    Duration timeout = kit().shortTimeout();
    ExecutionRequest request =
        markedRequest(fixtures().sleepForever()).limits(timeoutOnly(timeout)).build();
    long start = System.nanoTime();
    ExecutionResult r = kit().run(request);
    Duration took = since(start);
    ResultShape.assertTimedOut(r, timeout, took);
    assertThat(took).isLessThan(timeout.plus(kit().grace()));
    assertNothingLeftRunning(runtime(), request, r);
  }

  @Test
  void aTimeoutStopsTheChildrenToo() {
    Duration timeout = kit().shortTimeout();
    ExecutionRequest request =
        markedRequest(childThatSleepsForever()).limits(timeoutOnly(timeout)).build();
    long start = System.nanoTime();
    ExecutionResult r = kit().run(request);
    Duration took = since(start);
    ResultShape.assertTimedOut(r, timeout, took);
    assertThat(took).isLessThan(timeout.plus(kit().grace()));
    assertNothingLeftRunning(runtime(), request, r);
  }
}
