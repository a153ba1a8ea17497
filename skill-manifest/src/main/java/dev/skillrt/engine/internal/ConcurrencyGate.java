package dev.skillrt.engine.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code max_concurrent_requests} per skill instance: a fair semaphore each; excess calls wait in
 * arrival order up to a deadline. Thread-safe.
 */
public final class ConcurrencyGate {

  /** A held permit; closing it lets the next call in. */
  @FunctionalInterface
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final Map<String, Semaphore> semaphores = new ConcurrentHashMap<>();

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  /**
   * Waits up to {@code wait} for a permit, giving up early when {@code cancelled} turns true.
   *
   * @return the permit, or empty when the wait ran out or the call was cancelled
   */
  public Optional<Permit> acquire(
      String skill, String instance, int max, Duration wait, BooleanSupplier cancelled)
      throws InterruptedException {
    if (max == Integer.MAX_VALUE) {
      return Optional.of(() -> {});
    }
    Semaphore s =
        semaphores.computeIfAbsent(
            skill + "\u0000" + instance + "\u0000" + max, k -> new Semaphore(max, true));
    long deadline = System.nanoTime() + wait.toNanos();
    while (!s.tryAcquire(
        Math.min(SLICE_NANOS, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
      if (cancelled.getAsBoolean() || System.nanoTime() - deadline >= 0) {
        return Optional.empty();
      }
    }
    if (cancelled.getAsBoolean()) {
      s.release();
      return Optional.empty();
    }
    return Optional.of(s::release);
  }
}
