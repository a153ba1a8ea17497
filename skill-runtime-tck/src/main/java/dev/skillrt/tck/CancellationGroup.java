package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code CANCELLED} soon after {@link Cancellation#cancel()}, in the shape of every stopped call,
 * children included, nothing left running; a call cancelled before it starts runs nothing.
 */
abstract class CancellationGroup extends KitGroup {

  @Test
  void cancellingAnExecutionInFlightEndsItAsCancelled() throws Exception {
    Cancellation cancellation = Cancellation.create();
    ExecutionRequest request =
        markedRequest(childThatSleepsForever())
            .cancellation(cancellation)
            .limits(timeoutOnly(Duration.ofSeconds(30)))
            .build();
    long submitted = System.nanoTime();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(() -> runtime().execute(request));
    Thread.sleep(500);
    long start = System.nanoTime();
    cancellation.cancel();
    ExecutionResult r;
    try {
      r = call.get(kit().grace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "the call still ran " + kit().grace() + " after it was cancelled", e);
    }
    ResultShape.assertCancelled(r, since(submitted));
    assertThat(since(start)).isLessThan(kit().grace());
    assertNothingLeftRunning(runtime(), request, r);
  }

  @Test
  void aCallCancelledBeforeItStartsDoesNotRun() {
    Cancellation cancellation = Cancellation.create();
    cancellation.cancel();
    long start = System.nanoTime();
    ExecutionResult r =
        run(request(fixtures().echoStdin()).stdin("should not run").cancellation(cancellation));
    ResultShape.assertCancelled(r, since(start));
    assertThat(r.stdout().size()).as("nothing ran").isZero();
  }
}
