package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** When a policy rule is asked. */
@API(status = STABLE, since = "0.1")
public enum PolicyPhase {
  /** Ahead of time ({@code skill validate}): facts that may change by run time are warnings. */
  VALIDATE,
  /** Right before running: every objection denies. */
  EXECUTE
}
