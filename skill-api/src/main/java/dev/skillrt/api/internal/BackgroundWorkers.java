package dev.skillrt.api.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few daemon threads for a backend's clean-up work that need not hold a call's result (removing a
 * call's folder or container), with a bounded backlog: a task past the backlog, or handed over once
 * closed, is refused ({@link RejectedExecutionException}) so that its caller does it itself. Idle
 * threads end after a while. Not part of the API.
 */
public final class BackgroundWorkers {

  private final ThreadPoolExecutor pool;

  /**
   * @param name the threads' name, numbered
   * @param threads how many run at once
   * @param backlog how many tasks may wait
   */
  public BackgroundWorkers(String name, int threads, int backlog) {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            10,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(backlog),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            (task, p) -> {
              throw new RejectedExecutionException("busy or closed");
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code task} on a worker soon.
   *
   * @throws RejectedExecutionException when the backlog is full or the workers are closed: the
   *     caller then does the work itself
   */
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /**
   * Takes no more tasks and waits until those handed over are done.
   *
   * @return false when they were not done within the time (or the wait was interrupted)
   */
  public boolean closeAndWait(long seconds) {
    pool.shutdown();
    try {
      return pool.awaitTermination(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
