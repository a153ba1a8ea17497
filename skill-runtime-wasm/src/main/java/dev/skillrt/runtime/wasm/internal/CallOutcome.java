package dev.skillrt.runtime.wasm.internal;

/**
 * How a module's run ended, as seen from its own thread.
 *
 * @param kind what happened
 * @param exitCode the exit code when it exited
 * @param message the trap or failure message; empty for an exit
 * @param growthRefused whether the module asked for memory past its cap at some point
 */
public record CallOutcome(Kind kind, int exitCode, String message, boolean growthRefused) {

  /** What ended the run. */
  public enum Kind {
    /** {@code _start} returned or {@code proc_exit} was called. */
    EXITED,
    /** A WebAssembly trap (unreachable, out of bounds, stack exhausted, ...). */
    TRAPPED,
    /** The thread was interrupted: a timeout, a cancellation or an output limit. */
    INTERRUPTED,
    /** The module could not be instantiated or the runtime failed around it. */
    FAILED
  }

  static CallOutcome exited(int code, boolean growthRefused) {
    return new CallOutcome(Kind.EXITED, code, "", growthRefused);
  }

  static CallOutcome trapped(String message, boolean growthRefused) {
    return new CallOutcome(Kind.TRAPPED, 0, message, growthRefused);
  }

  static CallOutcome interrupted(boolean growthRefused) {
    return new CallOutcome(Kind.INTERRUPTED, 0, "interrupted", growthRefused);
  }

  static CallOutcome failed(String message, boolean growthRefused) {
    return new CallOutcome(Kind.FAILED, 0, message, growthRefused);
  }
}
