package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.StreamKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The control of one call, the same in every backend: the deadline (the request's timeout counted
 * from {@link #start}), the caller's {@link Cancellation}, the output limit with {@link
 * OverflowAction#STOP}, the runtime closing, and an interrupt of the waiting thread. The first
 * reason to stop wins and runs the backend's stop action once; {@link #stoppedResult} then builds
 * the result of the stopped call in the shape every backend gives:
 *
 * <table>
 *   <caption>results of a stopped call</caption>
 *   <tr><th>reason</th><th>status</th><th>message starts with</th><th>metadata</th></tr>
 *   <tr><td>{@link StopReason#TIMEOUT}</td><td>{@code TIMED_OUT}</td><td>{@code timed out after
 *       <timeout>}</td><td>{@code limit=timeout}</td></tr>
 *   <tr><td>{@link StopReason#CANCELLED}</td><td>{@code CANCELLED}</td><td>{@code
 *       cancelled}</td><td></td></tr>
 *   <tr><td>{@link StopReason#SHUTDOWN}</td><td>{@code CANCELLED}</td><td>{@code the runtime
 *       closed}</td><td></td></tr>
 *   <tr><td>{@link StopReason#OUTPUT}</td><td>{@code KILLED_BY_LIMIT}</td><td>{@code <stream>
 *       passed the output limit of <limit>}</td><td>{@code limit=output}</td></tr>
 * </table>
 *
 * <p>No exit code: a stopped call's exit is the runtime's doing, not the skill's. A backend uses it
 * so:
 *
 * <pre>{@code
 * try (CallControl control = CallControl.start(request)) {
 *   OutputCapture out = control.capture(StreamKind.STDOUT);
 *   ... start the work ...
 *   control.onStop(reason -> kill(work));
 *   boolean ended = control.awaitEnd(nanos -> work.waitFor(nanos, NANOSECONDS));
 *   ... clean up ...
 *   return control.stopReason().isPresent()
 *       ? control.stoppedResult("the process was stopped").stdout(out.result()).build()
 *       : resultFromExit(...);
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #stop} may come from any thread. {@link #close()} gives back the
 * cancellation registration and restores an interrupt that {@link #awaitEnd} took.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class CallControl implements AutoCloseable {

  /** Why a call was stopped. */
  public enum StopReason {
    /** The request's timeout passed. */
    TIMEOUT,
    /** The caller cancelled, or interrupted the thread waiting for the call. */
    CANCELLED,
    /** An output stream passed its limit and the request says {@link OverflowAction#STOP}. */
    OUTPUT,
    /** The runtime is closing. */
    SHUTDOWN
  }

  /** Waits up to some nanoseconds for the work to end; true when it ended. */
  @FunctionalInterface
  public interface TimedWait {
    boolean await(long nanos) throws InterruptedException;
  }

  private final ExecutionRequest request;
  private final long startNanos;
  private final long deadlineNanos;
  private final AtomicReference<@Nullable StopReason> reason = new AtomicReference<>();
  private final AtomicReference<@Nullable StreamKind> overflowed = new AtomicReference<>();
  private final Cancellation.Registration registration;
  private @Nullable Consumer<StopReason> action; // guarded by this
  private boolean actionRan; // guarded by this
  private volatile boolean interrupted;

  private CallControl(ExecutionRequest request, long startNanos) {
    this.request = request;
    this.startNanos = startNanos;
    this.deadlineNanos =
        request
            .limits()
            .timeout()
            .map(t -> saturatedAdd(startNanos, t.toNanos()))
            .orElse(Long.MAX_VALUE);
    this.registration = request.cancellation().onCancel(() -> stop(StopReason.CANCELLED));
  }

  /** Starts the control of a call now: its deadline counts from here. */
  public static CallControl start(ExecutionRequest request) {
    return new CallControl(request, System.nanoTime());
  }

  /**
   * Starts the control of a call that began at {@code startNanos} ({@link System#nanoTime()}), so
   * that its timeout counts what happened before, such as preparing a module.
   */
  public static CallControl startedAt(ExecutionRequest request, long startNanos) {
    return new CallControl(request, startNanos);
  }

  /** When the call started, as {@link System#nanoTime()}. */
  public long startNanos() {
    return startNanos;
  }

  /** Time since the start. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Whether the request has a timeout. */
  public boolean hasDeadline() {
    return deadlineNanos != Long.MAX_VALUE;
  }

  /** The deadline as {@link System#nanoTime()}, or {@link Long#MAX_VALUE} without a timeout. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  /** Nanoseconds left until the deadline: 0 once passed, {@link Long#MAX_VALUE} without one. */
  public long remainingNanos() {
    return hasDeadline() ? Math.max(0, deadlineNanos - System.nanoTime()) : Long.MAX_VALUE;
  }

  /**
   * What stops the work: run once, with the winning reason, by the first {@link #stop} (at once
   * when the call was already stopped). Must return quickly; may run on any thread.
   */
  public void onStop(Consumer<StopReason> stopAction) {
    synchronized (this) {
      action = stopAction;
    }
    if (reason.get() != null) {
      runAction();
    }
  }

  /** Stops the call; the first reason wins. Returns whether this one won. */
  public boolean stop(StopReason why) {
    if (!reason.compareAndSet(null, why)) {
      return false;
    }
    runAction();
    return true;
  }

  private void runAction() {
    Consumer<StopReason> toRun;
    synchronized (this) {
      if (actionRan || action == null) {
        return;
      }
      actionRan = true;
      toRun = action;
    }
    toRun.accept(reason.get());
  }

  /** Why the call was stopped; empty while it was not. */
  public Optional<StopReason> stopReason() {
    return Optional.ofNullable(reason.get());
  }

  /** Whether the call was stopped. */
  public boolean isStopped() {
    return reason.get() != null;
  }

  /**
   * Waits for the work to end, at most until the deadline (then stops with {@link
   * StopReason#TIMEOUT}). An interrupt of the waiting thread stops the call as {@link
   * StopReason#CANCELLED} and is restored by {@link #close()}, so that clean-up can still wait.
   *
   * @return whether the work ended within the deadline (or was stopped for another reason)
   */
  public boolean awaitEnd(TimedWait wait) {
    try {
      if (wait.await(remainingNanos())) {
        return true;
      }
      stop(StopReason.TIMEOUT);
      return false;
    } catch (InterruptedException e) {
      interrupted = true;
      stop(StopReason.CANCELLED);
      return false;
    }
  }

  /**
   * A capture of one output stream within the request's limit and listener; passing the limit with
   * {@link OverflowAction#STOP} stops the call with {@link StopReason#OUTPUT}.
   */
  public OutputCapture capture(StreamKind stream) {
    return new OutputCapture(
        stream,
        request.limits().effectiveOutputPerStream(),
        request.outputListener(),
        () -> {
          overflowed.compareAndSet(null, stream);
          if (request.overflowAction() == OverflowAction.STOP) {
            stop(StopReason.OUTPUT);
          }
        });
  }

  /**
   * The result of a stopped call (see the table above), with the duration so far; the caller adds
   * the output and its own metadata.
   *
   * @param aftermath what the runtime did about it, such as {@code the process tree was stopped}
   * @throws IllegalStateException when the call was not stopped
   */
  public ExecutionResult.Builder stoppedResult(String aftermath) {
    StopReason why = reason.get();
    if (why == null) {
      throw new IllegalStateException("the call was not stopped");
    }
    String tail = aftermath.isEmpty() ? "" : "; " + aftermath;
    ExecutionResult.Builder b =
        switch (why) {
          case TIMEOUT ->
              ExecutionResult.builder(ExecutionStatus.TIMED_OUT)
                  .message(
                      "timed out after "
                          + request
                              .limits()
                              .timeout()
                              .map(Duration::toString)
                              .orElse("its deadline")
                          + tail)
                  .metadata("limit", "timeout");
          case CANCELLED ->
              ExecutionResult.builder(ExecutionStatus.CANCELLED).message("cancelled" + tail);
          case SHUTDOWN ->
              ExecutionResult.builder(ExecutionStatus.CANCELLED)
                  .message("the runtime closed" + tail);
          case OUTPUT -> {
            StreamKind stream = overflowed.get();
            yield ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
                .message(
                    (stream == null ? "output" : stream.name().toLowerCase(Locale.ROOT))
                        + " passed the output limit of "
                        + request.limits().effectiveOutputPerStream()
                        + " per stream"
                        + tail)
                .metadata("limit", "output");
          }
        };
    return b.duration(elapsed());
  }

  /** Gives back the cancellation registration; restores an interrupt {@link #awaitEnd} took. */
  @Override
  public void close() {
    registration.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE - 1 : sum;
  }
}
