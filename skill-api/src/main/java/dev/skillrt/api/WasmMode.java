package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** How a WebAssembly module is executed. */
@API(status = STABLE, since = "0.1")
public enum WasmMode {
  /** Translated to JVM bytecode once and cached: fast calls. */
  COMPILED,
  /** Interpreted: no compile step, slower calls. */
  INTERPRETED
}
