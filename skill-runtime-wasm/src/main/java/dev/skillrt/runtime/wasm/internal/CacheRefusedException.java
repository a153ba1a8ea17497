package dev.skillrt.runtime.wasm.internal;

/**
 * The on-disk compiled-module cache cannot be trusted or used; the message names the folder or
 * file, what is wrong and what to do. The runtime then compiles in memory only.
 */
public final class CacheRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  CacheRefusedException(String message) {
    super(message);
  }
}
