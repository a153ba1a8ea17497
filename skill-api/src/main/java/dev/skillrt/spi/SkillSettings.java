package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.RuntimeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One skill's settings as its runtime's provider read them from the manifest (see {@link
 * SkillRuntimeProvider#settings}): what to run for each call, and what the runtime's table adds to
 * the settings every runtime shares. Immutable and thread-safe; the engine keeps it for the
 * manifest's life and calls {@link #spec} once per call.
 */
@API(status = EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface SkillSettings {

  /**
   * What to run for one call.
   *
   * @throws dev.skillrt.api.ConfigurationException when the skill cannot run as written
   */
  RuntimeSpec spec(SpecInput input);

  /** Host folders the table grants (e.g. Docker {@code volumes}), before {@code allowed_paths}. */
  default List<Mount> mounts() {
    return List.of();
  }

  /** Environment the table sets (e.g. Docker {@code environment}), under the instance's own. */
  default Map<String, String> environment() {
    return Map.of();
  }

  /** Where the skill starts, when the table says. */
  default Optional<String> workingDirectory() {
    return Optional.empty();
  }

  /**
   * Limits the table sets (e.g. Docker {@code memory}); the tighter of these and the shared wins.
   */
  default Limits limits() {
    return Limits.none();
  }

  /**
   * Whether the table itself grants or refuses the network (e.g. a Docker {@code network}); an
   * instance may still turn it off. Empty: the shared {@code network_access} decides.
   */
  default Optional<Boolean> network() {
    return Optional.empty();
  }

  /**
   * Whether a call's arguments can be seen by other users of the host (as a process's command line
   * can); {@code false} for a runtime that keeps them inside the JVM.
   */
  default boolean argumentsVisibleOnHost() {
    return true;
  }
}
