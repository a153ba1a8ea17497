package dev.skillrt.runtime.wasm;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a WebAssembly module is executed. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum WasmMode {
  /** Translated to JVM bytecode once and cached: fast calls. */
  COMPILED,
  /** Interpreted: no compile step, slower calls. */
  INTERPRETED
}
