package dev.skillrt.mcp.internal;

import dev.skillrt.api.Cancellation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool calls in flight, by connection and JSON-RPC request id, so that a {@code
 * notifications/cancelled} reaches the call it names (the SDK does not route it). A cancel that
 * arrives before its call has started is remembered (the newest {@value #EARLY_CANCELS} only, so a
 * client cancelling unknown ids cannot grow it) and the call ends as cancelled when it starts.
 * Thread-safe.
 */
public final class CallRegistry {

  static final int EARLY_CANCELS = 1024;

  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
  private final Map<String, Boolean> early =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > EARLY_CANCELS;
        }
      };

  /** The key of a request: the connection and the id, numbers and strings kept apart. */
  public static String key(String connection, Object requestId) {
    String id;
    if (requestId instanceof Number n) {
      try {
        id = "n:" + new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        id = "n:" + n;
      }
    } else {
      id = "s:" + requestId;
    }
    return connection + "\u0000" + id;
  }

  /** Registers a starting call; its handle is already cancelled when a cancel came first. */
  public Cancellation open(String key) {
    Cancellation c = Cancellation.create();
    running.put(key, c);
    boolean cancelledFirst;
    synchronized (early) {
      cancelledFirst = early.remove(key) != null;
    }
    if (cancelledFirst) {
      c.cancel();
    }
    return c;
  }

  public void close(String key, Cancellation c) {
    running.remove(key, c);
  }

  /** Cancels the call, or remembers the cancel when the call has not started yet. */
  public void cancel(String key) {
    Cancellation c = running.get(key);
    if (c != null) {
      c.cancel();
      return;
    }
    synchronized (early) {
      early.put(key, Boolean.TRUE);
    }
  }

  /** Cancels every call in flight. */
  public void cancelAll() {
    for (Cancellation c : List.copyOf(running.values())) {
      c.cancel();
    }
  }

  public int inFlight() {
    return running.size();
  }

  int earlyCancels() {
    synchronized (early) {
      return early.size();
    }
  }
}
