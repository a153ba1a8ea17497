package dev.skillrt.runtime.nativeproc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a native skill is isolated from the host. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SandboxMode {
  /** Use bubblewrap when the host has it, otherwise run unsandboxed; the result says which. */
  AUTO,
  /** Require bubblewrap; fail clearly when it is missing. */
  BWRAP,
  /** No OS sandbox: allow-list, scrubbed environment, rlimits and tree kill only. */
  NONE
}
