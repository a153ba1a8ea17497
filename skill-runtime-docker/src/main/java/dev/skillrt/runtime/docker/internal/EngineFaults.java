package dev.skillrt.runtime.docker.internal;

import dev.skillrt.api.RuntimeUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Tells an engine that stopped answering (docker-java's bare {@code RuntimeException} around an
 * {@link IOException}: connection refused, broken pipe, a socket that is gone) from the engine's
 * own answers, and turns the first into the documented {@link RuntimeUnavailableException}.
 */
public final class EngineFaults {

  private EngineFaults() {}

  /**
   * Whether the fault is a pooled connection the engine closed (broken pipe, reset), as after an
   * engine restart: the request never reached the engine that answers now.
   */
  public static boolean staleConnection(RuntimeException fault) {
    for (Throwable t = fault; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof IOException io
          && io.getMessage() != null
          && (io.getMessage().contains("Broken pipe")
              || io.getMessage().contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Pings the engine until it answers on a fresh connection, each failed ping dropping one stale
   * pooled connection; whether it answered within {@code attempts}.
   */
  public static boolean answersAfterDraining(
      com.github.dockerjava.api.DockerClient docker, int attempts) {
    for (int i = 0; i < attempts; i++) {
      try {
        docker.pingCmd().exec();
        return true;
      } catch (RuntimeException e) {
        if (!staleConnection(e)) {
          return false;
        }
      }
    }
    return false;
  }

  /** The fault as a {@link RuntimeUnavailableException} naming the engine, when it is one. */
  public static Optional<RuntimeUnavailableException> unreachable(
      RuntimeException fault, String endpoint) {
    for (Throwable t = fault; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return Optional.of(
            new RuntimeUnavailableException(
                "docker",
                List.of(
                    "the Docker engine at "
                        + endpoint
                        + " stopped answering ("
                        + io.getClass().getSimpleName()
                        + ": "
                        + io.getMessage()
                        + "); check that it runs (docker -H "
                        + endpoint
                        + " info): calls run again as soon as it answers"),
                fault));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
