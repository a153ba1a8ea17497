package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.ModuleSpec;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.OutputCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution: runs a {@link ModuleRun} on a worker thread (see {@link CallThreads}), interrupts
 * that thread at the deadline, on cancellation, or when an output stream passes its cap with
 * {@link OverflowAction#STOP}, waits for the module to leave the thread, and turns what happened
 * into an {@link ExecutionResult}. The result's metadata names the call ({@code call}) and the
 * worker ({@code thread}) so that a caller can check nothing of it still runs.
 *
 * <p>An interrupt never leaks into the worker's next task: interrupts are sent under a lock, only
 * while the module runs, and the flag is cleared when it ends.
 */
public final class WasmCall {

  private static final Logger LOG = LoggerFactory.getLogger(WasmCall.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** Prefix of every call id. */
  public static final String CALL_PREFIX = "wasm-call-";

  /** Why the runtime stopped a call. */
  enum StopReason {
    TIMEOUT,
    CANCEL,
    OUTPUT,
    SHUTDOWN
  }

  private final ExecutionRequest request;
  private final CallPreparation.Ready prepared;
  private final LoadedModule module;
  private final Function<Instance, Machine> machineFactory;
  private final long deadline;
  private final Optional<MemoryLimits> memoryLimits;
  private final List<Preopen> preopens;
  private final Executor workers;
  private final Set<String> running;
  private final String id = CALL_PREFIX + SEQUENCE.incrementAndGet();
  private final Duration stopGrace;
  private final AtomicReference<@Nullable StopReason> stop = new AtomicReference<>();
  private final AtomicReference<@Nullable StreamKind> overflowed = new AtomicReference<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final OutputCapture stdout;
  private final OutputCapture stderr;
  private final Object interruptLock = new Object();
  private @Nullable Thread runner; // guarded by interruptLock
  private boolean finished; // guarded by interruptLock
  private volatile @Nullable CallOutcome outcome;
  private volatile String workerName = "";

  /**
   * @param deadline {@link System#nanoTime()} at which the call times out (its timeout counted
   *     from when it was asked for, preparation included), or {@link CallPreparation#NO_DEADLINE}
   */
  public WasmCall(
      ExecutionRequest request,
      CallPreparation.Ready prepared,
      long deadline,
      Optional<MemoryLimits> memoryLimits,
      List<Preopen> preopens,
      Executor workers,
      Set<String> running,
      Duration stopGrace) {
    this.request = request;
    this.prepared = prepared;
    this.module = prepared.module();
    this.machineFactory = prepared.machineFactory();
    this.deadline = deadline;
    this.memoryLimits = memoryLimits;
    this.preopens = preopens;
    this.workers = workers;
    this.running = running;
    this.stopGrace = stopGrace;
    this.stdout = capture(StreamKind.STDOUT);
    this.stderr = capture(StreamKind.STDERR);
  }

  /** This call's id, e.g. {@code wasm-call-17}. */
  public String id() {
    return id;
  }

  /** Waits until the module has left its thread, at most {@code timeout}. */
  public boolean awaitDone(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops the call as the runtime closes. */
  public void stopForShutdown() {
    stopWith(StopReason.SHUTDOWN);
  }

  /** Runs the call to its end and returns how it ended; called once, by the requesting thread. */
  public ExecutionResult execute() {
    long start = System.nanoTime();
    try {
      workers.execute(this::body);
    } catch (RejectedExecutionException e) {
      return ExecutionResult.builder(ExecutionStatus.CANCELLED)
          .message("the wasm runtime is closing")
          .duration(Duration.ofNanos(System.nanoTime() - start))
          .build();
    }
    Cancellation.Registration registration =
        request.cancellation().onCancel(() -> stopWith(StopReason.CANCEL));
    boolean callerInterrupted = false;
    try {
      try {
        boolean finished =
            deadline != CallPreparation.NO_DEADLINE
                ? done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                : awaitForever();
        if (!finished) {
          stopWith(StopReason.TIMEOUT);
        }
      } catch (InterruptedException e) {
        callerInterrupted = true;
        stopWith(StopReason.CANCEL);
      }
      boolean ended = awaitEnd();
      return result(ended, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      registration.close();
      if (callerInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean awaitForever() throws InterruptedException {
    done.await();
    return true;
  }

  private boolean awaitEnd() {
    long deadline = System.nanoTime() + stopGrace.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void body() {
    synchronized (interruptLock) {
      runner = Thread.currentThread();
    }
    workerName = Thread.currentThread().getName();
    running.add(id);
    try {
      if (stop.get() != null) {
        outcome = CallOutcome.interrupted(false);
        return;
      }
      List<String> argv = new ArrayList<>();
      argv.add(request.skill());
      argv.addAll(request.spec(ModuleSpec.class).arguments());
      outcome =
          new ModuleRun(
                  module,
                  machineFactory,
                  memoryLimits,
                  argv,
                  request.environment(),
                  request.stdin(),
                  stdout.asOutputStream(),
                  stderr.asOutputStream(),
                  preopens,
                  () -> stop.get() != null)
              .run();
    } catch (Throwable t) {
      LOG.warn("WASM call thread failed", t);
      outcome = CallOutcome.failed("the runtime failed running the module: " + t, false);
    } finally {
      synchronized (interruptLock) {
        finished = true;
        runner = null;
      }
      Thread.interrupted(); // leave no interrupt behind for the worker's next task
      running.remove(id);
      done.countDown();
    }
  }

  private void stopWith(StopReason reason) {
    if (stop.compareAndSet(null, reason)) {
      synchronized (interruptLock) {
        if (!finished && runner != null) {
          runner.interrupt();
        }
      }
    }
  }

  private OutputCapture capture(StreamKind kind) {
    return new OutputCapture(
        kind,
        request.limits().effectiveOutputPerStream(),
        request.outputListener(),
        () -> {
          overflowed.compareAndSet(null, kind);
          if (request.overflowAction() == OverflowAction.STOP) {
            stopWith(StopReason.OUTPUT);
          }
        });
  }

  private ExecutionResult result(boolean ended, Duration took) {
    CallOutcome o = outcome;
    StopReason reason = stop.get();
    ExecutionResult.Builder b;
    String stuck =
        ended
            ? ""
            : "; the module's thread did not stop within " + stopGrace
                + " (busy in a host call) and was left to end by itself";
    if (reason == StopReason.TIMEOUT) {
      b =
          ExecutionResult.builder(ExecutionStatus.TIMED_OUT)
              .message("timed out after " + request.limits().timeout().orElseThrow() + stuck)
              .metadata("limit", "timeout");
    } else if (reason == StopReason.CANCEL) {
      b = ExecutionResult.builder(ExecutionStatus.CANCELLED).message("cancelled" + stuck);
    } else if (reason == StopReason.SHUTDOWN) {
      b = ExecutionResult.builder(ExecutionStatus.CANCELLED).message("the wasm runtime closed" + stuck);
    } else if (reason == StopReason.OUTPUT) {
      StreamKind kind = overflowed.get();
      b =
          ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
              .message(
                  (kind == null ? "output" : kind.name().toLowerCase(java.util.Locale.ROOT))
                      + " passed the output limit of "
                      + request.limits().effectiveOutputPerStream()
                      + "; the module was stopped"
                      + stuck)
              .metadata("limit", "output");
    } else if (o == null) {
      b = ExecutionResult.builder(ExecutionStatus.FAILED).message("the module's thread ended without a result");
    } else {
      b = fromOutcome(o);
    }
    b.stdout(stdout.result())
        .stderr(stderr.result())
        .duration(took)
        .metadata("call", id)
        .metadata("thread", workerName)
        .metadata("module", module.sha256())
        .metadata("mode", prepared.mode().name().toLowerCase(java.util.Locale.ROOT));
    prepared.fallback().ifPresent(why -> b.metadata("interpreted-because", why));
    return b.build();
  }

  private ExecutionResult.Builder fromOutcome(CallOutcome o) {
    String memoryCap =
        memoryLimits.map(l -> " (" + l.maximumPages() + " pages of 64k)").orElse("");
    return switch (o.kind()) {
      case EXITED -> {
        if (o.exitCode() == 0) {
          yield ExecutionResult.builder(ExecutionStatus.SUCCEEDED).exitCode(0);
        }
        if (o.growthRefused()) {
          yield ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
              .exitCode(o.exitCode())
              .metadata("limit", "memory")
              .message(
                  "exited with " + o.exitCode() + " after its memory limit" + memoryCap
                      + " refused to grow linear memory");
        }
        yield ExecutionResult.builder(ExecutionStatus.FAILED)
            .exitCode(o.exitCode())
            .message("exited with " + o.exitCode());
      }
      case TRAPPED -> {
        if (o.growthRefused()) {
          yield ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
              .metadata("limit", "memory")
              .message(
                  "trapped (" + o.message() + ") after its memory limit" + memoryCap
                      + " refused to grow linear memory");
        }
        yield ExecutionResult.builder(ExecutionStatus.FAILED).message("trap: " + o.message());
      }
      case INTERRUPTED ->
          ExecutionResult.builder(ExecutionStatus.CANCELLED).message("interrupted");
      case FAILED -> ExecutionResult.builder(ExecutionStatus.FAILED).message(o.message());
    };
  }
}
