package dev.skillrt.runtime.wasm.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's threads, all daemons with the configured stack size:
 *
 * <ul>
 *   <li>workers, named {@code skillrt-wasm-worker-N}, that modules run on: created on demand,
 *       reused while busy (starting a thread costs about as much as a small module's whole call),
 *       and ended after 30 s idle. The pool sets no limit of its own: the call slots ({@link
 *       CallSlots}) bound the modules on threads, stuck ones included, so the pool only ever
 *       refuses work once it is shut down;
 *   <li>preparers ({@code skillrt-wasm-prepare-N}) that read and parse modules, and compilers
 *       ({@code skillrt-wasm-compile-N}) that compile them: a few each, their queue unbounded (each
 *       module is prepared once however many calls wait for it), also ended when idle.
 * </ul>
 */
public final class CallThreads {

  /** Name prefix of every worker thread. */
  public static final String WORKER_PREFIX = "skillrt-wasm-worker-";

  /** Name prefix of the threads that read and parse modules. */
  public static final String PREPARER_PREFIX = "skillrt-wasm-prepare-";

  /** Name prefix of the threads that compile modules. */
  public static final String COMPILER_PREFIX = "skillrt-wasm-compile-";

  private CallThreads() {}

  /** The workers: a thread per call that finds none idle, bounded by the call slots. */
  public static ExecutorService create(long stackSize) {
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        daemons(WORKER_PREFIX, stackSize));
  }

  /** A fixed number of threads (started on demand, ended after 30 s idle) and a queue. */
  public static ExecutorService background(String prefix, int threads, long stackSize) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemons(prefix, stackSize));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemons(String prefix, long stackSize) {
    AtomicInteger sequence = new AtomicInteger();
    return task -> {
      Thread t = new Thread(null, task, prefix + sequence.incrementAndGet(), stackSize);
      t.setDaemon(true);
      return t;
    };
  }
}
