package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** One of a skill's two output streams. */
@API(status = STABLE, since = "0.1")
public enum StreamKind {
  STDOUT,
  STDERR
}
