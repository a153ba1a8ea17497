package dev.skillrt.engine.internal.observation;

import dev.skillrt.api.ExecutionResult;
import java.util.Map;

/**
 * One call being observed, used by the thread that runs the call. {@link #close()} ends it; the
 * outcome is whichever of {@link #ended} and {@link #failed} came first.
 */
public interface CallObservation extends AutoCloseable {

  /** Observes nothing. */
  CallObservation NONE =
      new CallObservation() {
        @Override
        public SlotWait slotWait() {
          return outcome -> {};
        }

        @Override
        public void ended(ExecutionResult result) {}

        @Override
        public void failed(RuntimeException fault) {}

        @Override
        public Map<String, String> traceIds() {
          return Map.of();
        }

        @Override
        public void close() {}
      };

  /** The wait for a {@code max_concurrent_requests} slot, ended once with how it ended. */
  @FunctionalInterface
  interface SlotWait {
    /** {@code acquired}, {@code busy} (no slot in time) or {@code cancelled}. */
    void end(String outcome);
  }

  /** Starts timing the wait for a {@code max_concurrent_requests} slot. */
  SlotWait slotWait();

  /** The call ended with this result (a failure, timeout or denial included). */
  void ended(ExecutionResult result);

  /** The call ended with the runtime's or engine's own fault. */
  void failed(RuntimeException fault);

  /** {@code traceId} and {@code spanId} of the current span, when tracing is set up; else empty. */
  Map<String, String> traceIds();

  @Override
  void close();
}
