package dev.skillrt.runtime.wasm.internal;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Hands calls to the worker threads ({@link CallThreads}). A worker whose call has ended stays
 * awake for a moment ({@value #LINGER_MICROS} µs, yielding its core to any thread that wants it)
 * and takes the next call directly: waking a parked thread costs a small module's call as much
 * again, and calls tend to come one after the other. A worker that got nothing in that moment goes
 * back to the pool, which keeps it parked until a call finds no worker awake.
 *
 * <p>Threads stay awake only while the calls running leave a core free: under a full load, waiting
 * awake would take the cores the modules need.
 *
 * <p>Each handed-over call runs exactly once, on exactly one worker: a call either wins an awake
 * worker (which then runs it, whatever else happens) or goes to the pool.
 */
public final class WorkerHandOff {

  static final long LINGER_MICROS = 200;
  private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(LINGER_MICROS);

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private final ExecutorService workers;
  private final AtomicInteger running = new AtomicInteger();
  // how long calls have run lately on a worker, a moving average
  private volatile long typicalRunNanos;
  // the workers awake for a next call, the last one to finish first (its cache is the warmest)
  private final ConcurrentLinkedDeque<Awake> awake = new ConcurrentLinkedDeque<>();

  public WorkerHandOff(ExecutorService workers) {
    this.workers = workers;
  }

  /**
   * Runs {@code task} on a worker.
   *
   * @throws RejectedExecutionException when no worker is awake and the pool refuses (it refuses
   *     only once shut down)
   */
  public void start(Runnable task) {
    running.incrementAndGet();
    for (Awake w = awake.pollFirst(); w != null; w = awake.pollFirst()) {
      if (w.give(task)) {
        return;
      }
    }
    try {
      workers.execute(() -> runFrom(task));
    } catch (RejectedExecutionException e) {
      running.decrementAndGet();
      throw e;
    }
  }

  /**
   * Whether a thread waiting for a call may stay awake: only while the calls running leave a core
   * free for it, or the waiting would take the core a module needs.
   *
   * @param threadsPerCall the threads awake for each running call if this one stays awake
   */
  public boolean coreFree(int threadsPerCall) {
    return running.get() * threadsPerCall <= CORES;
  }

  /**
   * Whether a caller may wait awake for its call for up to {@code nanos}: a core is free for it and
   * recent calls ended within that time (while the JVM is still compiling the runtime's code, or
   * for modules that run longer, waiting awake would only take a core from work that needs it).
   */
  public boolean worthWaitingAwake(long nanos) {
    return coreFree(2) && typicalRunNanos <= nanos;
  }

  /** Whether the pool is shut down (the runtime is closing). */
  public boolean isShutdown() {
    return workers.isShutdown();
  }

  /** The pool's task: runs calls on this thread as long as they come while it is awake. */
  private void runFrom(Runnable first) {
    for (Runnable task = first; task != null; task = next()) {
      long started = System.nanoTime();
      try {
        task.run();
      } finally {
        running.decrementAndGet();
        long took = System.nanoTime() - started;
        typicalRunNanos = (typicalRunNanos * 3 + took) / 4; // racy updates only blur it
      }
    }
  }

  /** Stays awake a moment for a next call; null when none came (or the pool is shutting down). */
  private @Nullable Runnable next() {
    if (workers.isShutdown() || running.get() >= CORES) {
      return null;
    }
    Awake w = new Awake();
    awake.addFirst(w);
    long until = System.nanoTime() + LINGER_NANOS;
    int spins = 0;
    while (System.nanoTime() - until < 0 && !Thread.currentThread().isInterrupted()) {
      Runnable given = w.given();
      if (given != null) {
        return given;
      }
      if ((++spins & 7) == 0) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
    }
    if (w.close()) {
      awake.remove(w);
      return null;
    }
    return w.given(); // given just before it closed: it is this worker's to run
  }

  /** One worker awake for a next call: given a call at most once, or closed. */
  private static final class Awake {

    private static final Object CLOSED = new Object();
    private final AtomicReference<@Nullable Object> state = new AtomicReference<>();

    boolean give(Runnable task) {
      return state.compareAndSet(null, task);
    }

    boolean close() {
      return state.compareAndSet(null, CLOSED);
    }

    @Nullable Runnable given() {
      return state.get() instanceof Runnable r ? r : null;
    }
  }
}
