package dev.skillrt.runtime.wasm.internal;

import com.sun.security.auth.module.UnixSystem;
import java.util.OptionalLong;

/** The user the JVM runs as. */
final class ProcessUser {

  private ProcessUser() {}

  /** The JVM's effective uid; empty where the platform has none (not a Unix). */
  static OptionalLong uid() {
    try {
      return OptionalLong.of(new UnixSystem().getUid());
    } catch (RuntimeException | LinkageError e) {
      return OptionalLong.empty();
    }
  }
}
