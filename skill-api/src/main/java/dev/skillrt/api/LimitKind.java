package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The kinds of limit a {@link Limits} can carry and a runtime can say it enforces. */
@API(status = STABLE, since = "0.1")
public enum LimitKind {
  /** Wall-clock time of the whole call. */
  TIMEOUT,
  /** Memory of the skill (address space, cgroup memory or linear memory, per backend). */
  MEMORY,
  /** CPU share in cores, e.g. 0.5 or 2. */
  CPUS,
  /** CPU seconds the skill may consume. */
  CPU_TIME,
  /** Number of processes or threads. */
  PROCESSES,
  /** Bytes captured per output stream. */
  OUTPUT
}
