package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The runtime-specific part of an {@link ExecutionRequest}: what to run. The shipped backends use
 * {@link CommandSpec} (native), {@link ContainerSpec} (docker) and {@link ModuleSpec} (wasm); a
 * third-party backend may define its own implementation. Implementations are immutable.
 */
@API(status = STABLE, since = "0.1")
public interface RuntimeSpec {

  /** A one-line description for logs and messages, e.g. {@code "/usr/bin/git status"}. */
  String describe();
}
