package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** How an execution ended. */
@API(status = STABLE, since = "0.1")
public enum ExecutionStatus {
  /** The skill ran and exited with code 0. */
  SUCCEEDED,
  /** The skill ran and failed: a non-zero exit code, a trap, a crash. */
  FAILED,
  /** The wall-clock timeout stopped it. */
  TIMED_OUT,
  /** The caller cancelled it. */
  CANCELLED,
  /** Policy refused it; nothing ran. The result lists every violation. */
  DENIED,
  /** A memory, pids, CPU-time or output limit stopped it; metadata {@code limit} says which. */
  KILLED_BY_LIMIT;

  /** Whether the skill ran to its own end (succeeded or failed by itself). */
  public boolean ranToCompletion() {
    return this == SUCCEEDED || this == FAILED;
  }
}
