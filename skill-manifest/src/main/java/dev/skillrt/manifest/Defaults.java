package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Limits;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The {@code [defaults]} table: environment, capabilities and limits every skill starts from.
 *
 * @param env {@code env}: variables given to every skill
 * @param secretEnv names in {@code env} whose values are secret
 * @param capabilities {@code capabilities}
 * @param limits {@code [defaults.limits]} laid over the {@linkplain #BUILT_IN_LIMITS built-in
 *     limits}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Defaults(
    Map<String, String> env, Set<String> secretEnv, Capabilities capabilities, Limits limits) {

  public Defaults {
    env = Map.copyOf(env);
    secretEnv = Set.copyOf(secretEnv);
  }

  /**
   * The limits every skill has unless the manifest says otherwise: a timeout of two minutes, so
   * that no call can hang forever. ({@code [defaults.limits]} or a skill's {@code [limits]}
   * overrides it. Process limits are the runtimes' own defaults: see each runtime's page.)
   */
  public static final Limits BUILT_IN_LIMITS =
      Limits.builder().timeout(java.time.Duration.ofMinutes(2)).build();

  /** No defaults but the built-in limits. */
  public static Defaults none() {
    return new Defaults(Map.of(), Set.of(), Capabilities.none(), BUILT_IN_LIMITS);
  }
}
