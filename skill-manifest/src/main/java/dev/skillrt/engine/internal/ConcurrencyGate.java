package dev.skillrt.engine.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code max_concurrent_requests} per skill instance: a fair semaphore each; excess calls wait
 * in arrival order up to a deadline. Thread-safe.
 */
public final class ConcurrencyGate {

  /** A held permit; closing it lets the next call in. */
  @FunctionalInterface
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final Map<String, Semaphore> semaphores = new ConcurrentHashMap<>();

  /**
   * Waits up to {@code wait} for a permit.
   *
   * @return the permit, or empty when the wait ran out
   */
  public Optional<Permit> acquire(String skill, String instance, int max, Duration wait)
      throws InterruptedException {
    if (max == Integer.MAX_VALUE) {
      return Optional.of(() -> {});
    }
    Semaphore s = semaphores.computeIfAbsent(skill + "\u0000" + instance + "\u0000" + max, k -> new Semaphore(max, true));
    if (!s.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    return Optional.of(s::release);
  }
}
