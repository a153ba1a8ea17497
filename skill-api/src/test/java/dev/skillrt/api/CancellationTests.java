package dev.skillrt.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTests {

  @Test
  void cancelRunsEachActionOnceAndIsIdempotent() {
    Cancellation c = Cancellation.create();
    AtomicInteger runs = new AtomicInteger();
    c.onCancel(runs::incrementAndGet);
    c.cancel();
    c.cancel();
    assertThat(c.isCancelled()).isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void anActionRegisteredAfterCancelRunsAtOnce() {
    Cancellation c = Cancellation.create();
    c.cancel();
    AtomicInteger runs = new AtomicInteger();
    c.onCancel(runs::incrementAndGet);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aClosedRegistrationIsNotRun() {
    Cancellation c = Cancellation.create();
    AtomicInteger runs = new AtomicInteger();
    c.onCancel(runs::incrementAndGet).close();
    c.cancel();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aFailingActionDoesNotStopTheOthers() {
    Cancellation c = Cancellation.create();
    AtomicInteger runs = new AtomicInteger();
    c.onCancel(
        () -> {
          throw new IllegalStateException("boom");
        });
    c.onCancel(runs::incrementAndGet);
    c.cancel();
    assertThat(runs).hasValue(1);
  }
}
