package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Mount;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * Upstream {@code capabilities}: what a skill instance may reach. Each value is optional so an
 * instance can override the {@code [defaults]} key by key.
 *
 * @param networkAccess {@code network_access}
 * @param allowedPaths {@code allowed_paths}, parsed into mounts (guest path defaults to the host
 *     path, mode to read-only, relative host paths resolved against the manifest's folder)
 * @param maxConcurrentRequests {@code max_concurrent_requests}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Capabilities(
    Optional<Boolean> networkAccess,
    Optional<List<Mount>> allowedPaths,
    OptionalInt maxConcurrentRequests) {

  private static final Capabilities NONE =
      new Capabilities(Optional.empty(), Optional.empty(), OptionalInt.empty());

  public Capabilities {
    allowedPaths = allowedPaths.map(List::copyOf);
  }

  public static Capabilities none() {
    return NONE;
  }

  /** These capabilities with every value {@code over} sets laid on top. */
  public Capabilities overriddenBy(Capabilities over) {
    return new Capabilities(
        over.networkAccess.or(() -> networkAccess),
        over.allowedPaths.or(() -> allowedPaths),
        over.maxConcurrentRequests.isPresent()
            ? over.maxConcurrentRequests
            : maxConcurrentRequests);
  }
}
