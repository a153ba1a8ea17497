package dev.skillrt.runtime.wasm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runtime's call slots ({@code max-concurrent-calls}), taken in arrival order.
 *
 * <p>A call holds its slot until its module has left its worker thread. A module stuck in a host
 * call past its stop ({@link WasmCall}) therefore keeps its slot: it still holds a thread, its
 * instance's memory and its open files, and the limit keeps bounding them. Its call is listed as
 * stuck (with the host function it is in) until it leaves. A call that finds every slot held by
 * stuck calls is told so at once ({@link AllStuck}) rather than made to wait for a slot that may
 * never come free.
 */
public final class CallSlots {

  /** How asking for a slot ended. */
  public sealed interface Wait permits Slot, TimedOut, AllStuck {}

  /**
   * No slot came free before the call's deadline.
   *
   * @param stuck the calls stuck in a host call then, by call id, with the function each is in
   */
  public record TimedOut(Map<String, String> stuck) implements Wait {}

  /**
   * Every slot is held by a call stuck in a host call.
   *
   * @param stuck those calls, by call id, with the function each is in
   */
  public record AllStuck(Map<String, String> stuck) implements Wait {}

  /** One slot, held by one call until {@link #release()}. */
  public final class Slot implements Wait {

    private boolean released; // guarded by lock
    private String callId = ""; // guarded by lock; set when stuck

    private Slot() {}

    /**
     * Marks the call as stuck: it returned its result while its module is still on its thread,
     * inside {@code hostCall}. The slot stays held until {@link #release()}.
     */
    void stuck(String id, String hostCall) {
      lock.lock();
      try {
        if (!released) {
          callId = id;
          stuck.put(id, hostCall);
          stuckNow = Map.copyOf(stuck);
          changed.signalAll(); // waiters may now find every slot stuck
        }
      } finally {
        lock.unlock();
      }
    }

    /** Gives the slot back once the call's module has left its thread (or never got one). */
    void release() {
      lock.lock();
      try {
        if (released) {
          return;
        }
        released = true;
        if (stuck.remove(callId) != null) {
          stuckNow = Map.copyOf(stuck);
        }
        held--;
        changed.signal();
      } finally {
        lock.unlock();
      }
    }
  }

  private final int max;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition changed = lock.newCondition();
  private final Map<String, String> stuck = new LinkedHashMap<>(); // guarded by lock
  // a copy of stuck, replaced under the lock on every change: every result reads it, without
  // taking the lock that calls queue on for their slots
  private volatile Map<String, String> stuckNow = Map.of();
  private int held; // guarded by lock

  public CallSlots(int max) {
    this.max = max;
  }

  /** How many slots there are. */
  public int max() {
    return max;
  }

  /**
   * Takes a slot, waiting for one until {@code deadline} ({@link System#nanoTime()}, or {@link
   * CallPreparation#NO_DEADLINE} to wait as long as it takes).
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Wait acquire(long deadline) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (held >= max) {
        if (stuck.size() >= max) {
          return new AllStuck(Map.copyOf(stuck));
        }
        if (deadline == CallPreparation.NO_DEADLINE) {
          changed.await();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return new TimedOut(Map.copyOf(stuck));
          }
          changed.awaitNanos(left);
        }
      }
      held++;
      return new Slot();
    } finally {
      lock.unlock();
    }
  }

  /** The calls stuck in a host call now, by call id, with the function each is in. */
  public Map<String, String> stuck() {
    return stuckNow;
  }

  /**
   * Says which slots stuck calls hold and what to do, to follow a subject: {@code held by 2 modules
   * stuck in a host call past their stop (fd_write, path_open); ...}.
   */
  public static String heldBy(Map<String, String> stuckCalls) {
    int n = stuckCalls.size();
    List<String> functions = stuckCalls.values().stream().distinct().sorted().toList();
    return "held by "
        + (n == 1 ? "a module" : n + " modules")
        + " stuck in a host call past "
        + (n == 1 ? "its" : "their")
        + " stop ("
        + String.join(", ", functions)
        + "); a stuck module keeps its slot until it leaves its thread. Unblock what "
        + (n == 1 ? "it waits" : "they wait")
        + " for (a FIFO or device nobody opens, an output listener that does not return), raise"
        + " max-concurrent-calls, or restart the JVM; closing the runtime does not free them"
        + " (WasmSkillRuntime.stuckCalls() lists them)";
  }
}
