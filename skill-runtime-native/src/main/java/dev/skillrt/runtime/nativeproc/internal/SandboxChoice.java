package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.runtime.nativeproc.SandboxMode;
import java.util.Optional;

/** The sandbox a call really gets, decided from the spec's mode and what the host has. */
public enum SandboxChoice {
  /** bubblewrap: own PID, IPC, UTS, user and (unless granted) network namespace. */
  BWRAP,
  /** No OS sandbox. */
  NONE;

  /** The sandbox for a mode on this host; empty when {@link SandboxMode#BWRAP} cannot be had. */
  public static Optional<SandboxChoice> of(SandboxMode mode, HostFacts host) {
    return switch (mode) {
      case NONE -> Optional.of(NONE);
      case BWRAP -> host.sandboxUsable() ? Optional.of(BWRAP) : Optional.empty();
      case AUTO -> Optional.of(host.sandboxUsable() ? BWRAP : NONE);
    };
  }

  /** The value of the {@code sandbox} result metadata. */
  public String metadataValue() {
    return this == BWRAP ? "bwrap" : "none";
  }
}
