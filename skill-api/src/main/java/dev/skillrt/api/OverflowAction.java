package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What a runtime does when a skill prints more than its output limit. */
@API(status = STABLE, since = "0.1")
public enum OverflowAction {
  /** Stop the skill; the result is {@link ExecutionStatus#KILLED_BY_LIMIT}, output truncated. */
  STOP,
  /** Let it run to the end, dropping what is past the limit; output truncated. */
  DISCARD
}
