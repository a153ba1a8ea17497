package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.SkillRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Closing a runtime with calls in flight ends every one of them as {@code CANCELLED}, in the shape
 * of every stopped call and with a message that says the runtime was closed, soon after the close,
 * with nothing left running. Runs on a runtime of its own.
 */
abstract class ClosingGroup extends KitGroup {

  private static final int CALLS = 2;

  @Test
  void closingTheRuntimeEndsEveryCallInFlightAsCancelled() throws Exception {
    SkillRuntime own = kit().createRuntime();
    try {
      boolean streams = own.capabilities().streaming();
      CountDownLatch announced = new CountDownLatch(CALLS);
      List<ExecutionRequest> requests = new ArrayList<>();
      List<CompletableFuture<ExecutionResult>> calls = new ArrayList<>();
      long submitted = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        CountDownLatch once = new CountDownLatch(1);
        ExecutionRequest request =
            markedRequest(fixtures().announceThenSleepForever())
                .limits(timeoutOnly(Duration.ofMinutes(2)))
                .outputListener(
                    (stream, chunk) -> {
                      if (stream == StreamKind.STDOUT && once.getCount() > 0) {
                        once.countDown();
                        announced.countDown();
                      }
                    })
                .build();
        requests.add(request);
        calls.add(CompletableFuture.supplyAsync(() -> own.execute(request)));
      }
      if (streams) {
        assertThat(
                announced.await(
                    SkillRuntimeCompatibilityKit.HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
            .as(
                "every call announced itself on stdout (is the fixture announceThenSleepForever right?)")
            .isTrue();
      } else {
        Thread.sleep(1000);
      }
      assertThat(calls)
          .as("calls still in flight before the close")
          .noneMatch(CompletableFuture::isDone);

      long closing = System.nanoTime();
      assertTimeoutPreemptively(
          SkillRuntimeCompatibilityKit.HANG_GUARD, own::close, "close() did not return");
      long deadline = closing + kit().grace().toNanos();
      for (int i = 0; i < CALLS; i++) {
        ExecutionResult r;
        try {
          r = calls.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          throw new AssertionError(
              "call " + i + " still ran " + kit().grace() + " after the runtime was closed", e);
        }
        ResultShape.assertCancelled(r, since(submitted));
        assertThat(r.message().toLowerCase(Locale.ROOT))
            .as("the message says the runtime was closed")
            .contains("closed");
        assertNothingLeftRunning(own, requests.get(i), r);
      }
    } finally {
      own.close();
    }
  }
}
