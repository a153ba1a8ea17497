package dev.skillrt.runtime.wasm.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads modules run on: daemons named {@code skillrt-wasm-worker-N} with the
 * configured stack size, created on demand up to the call limit, reused while busy (starting a
 * thread costs about as much as a small module's whole call), and ended after 30 s idle.
 */
public final class CallThreads {

  /** Name prefix of every worker thread. */
  public static final String WORKER_PREFIX = "skillrt-wasm-worker-";

  private CallThreads() {}

  public static ExecutorService create(int maxThreads, long stackSize) {
    AtomicInteger sequence = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            maxThreads,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread t = new Thread(null, task, WORKER_PREFIX + sequence.incrementAndGet(), stackSize);
              t.setDaemon(true);
              return t;
            });
    return pool;
  }
}
