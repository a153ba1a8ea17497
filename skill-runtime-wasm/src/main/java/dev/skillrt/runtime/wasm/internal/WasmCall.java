package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.StreamKind;
import dev.skillrt.runtime.wasm.ModuleSpec;
import dev.skillrt.spi.CallControl;
import dev.skillrt.spi.OutputCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution: runs a {@link ModuleRun} on a worker thread (see {@link CallThreads}), interrupts
 * that thread at the deadline, on cancellation, or when an output stream passes its cap with {@link
 * OverflowAction#STOP}, waits for the module to leave the thread, and turns what happened into an
 * {@link ExecutionResult}. The result's metadata names the call ({@code call}) and the worker
 * ({@code thread}) so that a caller can check nothing of it still runs.
 *
 * <p>A module that does not leave its thread within {@code stop-grace} of its stop is stuck in a
 * host call that ignores interrupts: when that call is opening a FIFO, the FIFO is opened from here
 * to let it go ({@link HostCallWatch#release()}); else the result says the module was left to end
 * by itself (metadata {@code stuck-in}: the host function), and the call keeps its slot ({@link
 * CallSlots}) until it does. Every result made while calls are stuck counts them in metadata {@code
 * stuck-calls}.
 *
 * <p>An interrupt never leaks into the worker's next task: interrupts are sent under a lock, only
 * while the module runs, and the flag is cleared when it ends.
 */
public final class WasmCall {

  private static final Logger LOG = LoggerFactory.getLogger(WasmCall.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private static final long AWAKE_NANOS = TimeUnit.MICROSECONDS.toNanos(300);
  private static final long RELEASE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** Prefix of every call id. */
  public static final String CALL_PREFIX = "wasm-call-";

  private final ExecutionRequest request;
  private final CallPreparation.Ready prepared;
  private final LoadedModule module;
  private final Function<Instance, Machine> machineFactory;
  private final CallControl control;
  private final Optional<MemoryLimits> memoryLimits;
  private final List<Preopen> preopens;
  private final WorkerHandOff workers;
  private final CallSlots slots;
  private final Set<String> running;
  private final String id = CALL_PREFIX + SEQUENCE.incrementAndGet();
  private final Duration stopGrace;
  private final CountDownLatch done = new CountDownLatch(1);
  private final OutputCapture stdout;
  private final OutputCapture stderr;
  private final HostCallWatch watch = new HostCallWatch();
  private final Object interruptLock = new Object();
  private @Nullable Thread runner; // guarded by interruptLock
  private boolean finished; // guarded by interruptLock
  private boolean settled; // guarded by interruptLock
  private boolean leftStuck; // guarded by interruptLock
  private CallSlots.@Nullable Slot slot; // set before the module is handed to its worker
  private volatile @Nullable CallOutcome outcome;
  private volatile String workerName = "";

  /**
   * @param control the call's control, started when the call was asked for (its timeout counts the
   *     preparation too); owned by the caller
   */
  public WasmCall(
      ExecutionRequest request,
      CallPreparation.Ready prepared,
      CallControl control,
      Optional<MemoryLimits> memoryLimits,
      List<Preopen> preopens,
      WorkerHandOff workers,
      CallSlots slots,
      Set<String> running,
      Duration stopGrace) {
    this.request = request;
    this.prepared = prepared;
    this.module = prepared.module();
    this.machineFactory = prepared.machineFactory();
    this.control = control;
    this.memoryLimits = memoryLimits;
    this.preopens = preopens;
    this.workers = workers;
    this.slots = slots;
    this.running = running;
    this.stopGrace = stopGrace;
    this.stdout = control.capture(StreamKind.STDOUT);
    this.stderr = control.capture(StreamKind.STDERR);
    control.onStop(reason -> interruptModule());
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
    control.stop(CallControl.StopReason.SHUTDOWN);
  }

  /**
   * Runs the call to its end and returns how it ended; called once, by the requesting thread.
   *
   * @param slot the call's slot, given back once the module has left its thread
   */
  public ExecutionResult execute(CallSlots.Slot slot) {
    this.slot = slot;
    try {
      workers.start(this::body);
    } catch (RejectedExecutionException e) {
      slot.release();
      // the worker pool has no thread limit: it refuses only once the runtime closes
      return ExecutionResult.builder(ExecutionStatus.CANCELLED)
          .message(
              workers.isShutdown()
                  ? "the wasm runtime is closing"
                  : "no worker thread could be had for the module (" + e.getMessage() + ")")
          .duration(control.elapsed())
          .build();
    }
    try {
      control.awaitEnd(this::awaitBody);
      awaitEnd();
      return result(settle(), control.elapsed());
    } finally {
      settle();
    }
  }

  /**
   * Waits up to {@code nanos} for the module to leave its thread: awake for the first moment (a
   * small module's call ends within it, and waking a parked thread costs as much again) when a core
   * is free for it and recent calls ended within that moment, parked after.
   */
  private boolean awaitBody(long nanos) throws InterruptedException {
    long awake = workers.worthWaitingAwake(AWAKE_NANOS) ? Math.min(nanos, AWAKE_NANOS) : 0;
    long until = System.nanoTime() + awake;
    int spins = 0;
    while (System.nanoTime() - until < 0) {
      if (done.getCount() == 0) {
        return true;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if ((++spins & 7) == 0) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
    }
    long left = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : nanos - awake;
    return done.await(left, TimeUnit.NANOSECONDS);
  }

  /**
   * Gives the slot back when the module has left its thread; else marks the call stuck and leaves
   * the slot to be given back by the worker when the module leaves. Runs once; later calls return
   * what the first found.
   *
   * @return the host function the module is stuck in, or null when it has left
   */
  private @Nullable String settle() {
    CallSlots.Slot held = Objects.requireNonNull(slot);
    synchronized (interruptLock) {
      if (settled) {
        return leftStuck ? stuckIn() : null;
      }
      settled = true;
      if (!finished) {
        leftStuck = true;
        held.stuck(id, stuckIn());
        LOG.warn(
            "call {} of skill '{}': the module did not leave host call {} within {} of its stop;"
                + " thread {} is left to it, and the call keeps its slot until it leaves",
            id,
            request.skill(),
            stuckIn(),
            stopGrace,
            workerName);
        return stuckIn();
      }
    }
    held.release();
    return null;
  }

  private String stuckIn() {
    String function = watch.hostCall();
    return function.isEmpty() ? "unknown" : function;
  }

  /**
   * Waits at most {@code stop-grace} for the module to leave its thread, letting go, every few
   * milliseconds meanwhile, of an open it may wait in on a FIFO ({@link HostCallWatch#release()}):
   * whoever put the FIFO there may be swapping it in and out.
   */
  private void awaitEnd() {
    long deadline = System.nanoTime() + stopGrace.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        try {
          if (done.await(Math.max(0, Math.min(left, RELEASE_EVERY_NANOS)), TimeUnit.NANOSECONDS)
              || left <= RELEASE_EVERY_NANOS) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
          continue;
        }
        watch.release();
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
      if (control.isStopped()) {
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
                  control::isStopped,
                  watch)
              .run();
    } catch (Throwable t) {
      LOG.warn("WASM call thread failed", t);
      outcome = CallOutcome.failed("the runtime failed running the module: " + t, false);
    } finally {
      boolean wasStuck;
      synchronized (interruptLock) {
        finished = true;
        runner = null;
        wasStuck = leftStuck;
      }
      Thread.interrupted(); // leave no interrupt behind for the worker's next task
      running.remove(id);
      done.countDown();
      if (wasStuck) {
        LOG.info("call {}: the module left its host call at last; its slot is free again", id);
        Objects.requireNonNull(slot).release();
      }
    }
  }

  /** The stop action: interrupts the module's thread while it runs, lets go of a FIFO open. */
  private void interruptModule() {
    synchronized (interruptLock) {
      if (!finished && runner != null) {
        runner.interrupt();
      }
    }
    watch.release();
  }

  /**
   * @param stuckIn the host function the module is stuck in, or null when it has left its thread
   */
  private ExecutionResult result(@Nullable String stuckIn, Duration took) {
    CallOutcome o = outcome;
    ExecutionResult.Builder b;
    Map<String, String> stuckCalls = slots.stuck();
    if (control.isStopped()) {
      b =
          control.stoppedResult(
              stuckIn == null
                  ? "the module was stopped"
                  : "the module's thread did not stop within "
                      + stopGrace
                      + " (busy in host call "
                      + stuckIn
                      + ") and was left to end by itself, keeping its call slot until it"
                      + " does (stuck calls now hold "
                      + stuckCalls.size()
                      + " of the runtime's "
                      + slots.max()
                      + " call slots)");
    } else if (o == null) {
      b =
          ExecutionResult.builder(ExecutionStatus.FAILED)
              .message("the module's thread ended without a result");
    } else {
      b = fromOutcome(o);
    }
    if (stuckIn != null) {
      b.metadata("stuck-in", stuckIn);
    }
    if (!stuckCalls.isEmpty()) {
      b.metadata("stuck-calls", String.valueOf(stuckCalls.size()));
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

  private String memoryCap() {
    return memoryLimits.map(l -> " (" + l.maximumPages() + " pages of 64k)").orElse("");
  }

  private ExecutionResult.Builder fromOutcome(CallOutcome o) {
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
                  "exited with "
                      + o.exitCode()
                      + " after its memory limit"
                      + memoryCap()
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
                  "trapped ("
                      + o.message()
                      + ") after its memory limit"
                      + memoryCap()
                      + " refused to grow linear memory");
        }
        yield ExecutionResult.builder(ExecutionStatus.FAILED).message("trap: " + o.message());
      }
      case INTERRUPTED -> ExecutionResult.builder(ExecutionStatus.CANCELLED).message("interrupted");
      case FAILED -> ExecutionResult.builder(ExecutionStatus.FAILED).message(o.message());
    };
  }
}
