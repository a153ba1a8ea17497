package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.api.ConfigurationException;

/**
 * A module file is a WebAssembly component, or not WebAssembly at all; the message says which and
 * what the runtime runs. A call meeting it is denied (rule {@code wasm.module-format}).
 */
public final class NotACoreModuleException extends ConfigurationException {

  private static final long serialVersionUID = 1L;

  NotACoreModuleException(String message) {
    super(message);
  }
}
