package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handle by which a caller cancels an execution in flight.
 *
 * <p>The caller keeps the handle and calls {@link #cancel()} from any thread; the runtime
 * {@linkplain #onCancel registers} what stops the skill. A cancelled execution ends as {@link
 * ExecutionStatus#CANCELLED}. Cancelling before the execution starts makes it end at once. One
 * handle may serve several executions. Thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class Cancellation {

  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final CopyOnWriteArrayList<Runnable> actions = new CopyOnWriteArrayList<>();

  private Cancellation() {}

  /** A new handle, not cancelled. */
  public static Cancellation create() {
    return new Cancellation();
  }

  /** Cancels: runs every registered action once. Idempotent. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      for (Runnable action : actions) {
        runQuietly(action);
      }
    }
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Registers what to do on cancel; runs it at once when already cancelled. Close the returned
   * registration when the execution ends so the handle does not keep it.
   */
  public Registration onCancel(Runnable action) {
    actions.add(action);
    if (cancelled.get() && actions.remove(action)) {
      runQuietly(action);
    }
    return () -> actions.remove(action);
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("a cancellation action failed", e);
    }
  }

  /** Removes a registered action. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
