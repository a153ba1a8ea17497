package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** What a tool receives on standard input. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum StdinMode {
  /** The call's arguments as one JSON object. */
  JSON,
  /** Nothing (or what the caller passes explicitly). */
  NONE
}
