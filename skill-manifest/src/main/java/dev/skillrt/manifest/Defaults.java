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
 * @param limits {@code [defaults.limits]}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Defaults(
    Map<String, String> env, Set<String> secretEnv, Capabilities capabilities, Limits limits) {

  public Defaults {
    env = Map.copyOf(env);
    secretEnv = Set.copyOf(secretEnv);
  }

  public static Defaults none() {
    return new Defaults(Map.of(), Set.of(), Capabilities.none(), Limits.none());
  }
}
