package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Receives a skill's output while it runs.
 *
 * <p>Called by the runtime from its reader threads, possibly from two threads at once (one per
 * stream), in order within a stream. It receives the bytes that are captured, so never more than
 * the output limit per stream. It must return quickly; an exception it throws is logged and the
 * listener is not called again for that execution, while the execution goes on.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface OutputListener {

  /**
   * @param stream which stream the bytes came from
   * @param chunk the bytes; the listener owns this array
   */
  void onOutput(StreamKind stream, byte[] chunk);
}
