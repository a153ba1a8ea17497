package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.api.ConfigurationException;

/**
 * A module file is larger than the runtime's {@code max-module-size}; the message says how large it
 * is and what to do. A call meeting it is denied (rule {@code wasm.module-size}).
 */
public final class ModuleTooLargeException extends ConfigurationException {

  private static final long serialVersionUID = 1L;

  ModuleTooLargeException(String message) {
    super(message);
  }
}
