package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Location;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One {@code [skills.NAME.instances.INSTANCE]} table: a named configuration of a skill.
 *
 * @param name the instance name
 * @param description {@code description}
 * @param config {@code config}: reaches the skill as {@code SKILL_CONFIG_<KEY>} variables
 * @param env {@code env}: variables given to the skill as they are
 * @param secretConfig keys of {@code config} whose values are secret
 * @param secretEnv names in {@code env} whose values are secret
 * @param capabilities {@code capabilities}, laid over {@code [defaults]}
 * @param location where the table is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record InstanceDefinition(
    String name,
    String description,
    Map<String, String> config,
    Map<String, String> env,
    Set<String> secretConfig,
    Set<String> secretEnv,
    Capabilities capabilities,
    Location location) {

  public InstanceDefinition {
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    secretConfig = Set.copyOf(secretConfig);
    secretEnv = Set.copyOf(secretEnv);
  }

  /**
   * The environment variable a config key reaches the skill as: {@code SKILL_CONFIG_} and the key
   * upper-cased, with {@code -} and {@code .} turned into {@code _} ({@code api-key} becomes {@code
   * SKILL_CONFIG_API_KEY}).
   */
  public static String configVariable(String key) {
    return "SKILL_CONFIG_"
        + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /** An instance with nothing configured (used when a skill declares none). */
  public static InstanceDefinition empty(String name, Location location) {
    return new InstanceDefinition(
        name, "", Map.of(), Map.of(), Set.of(), Set.of(), Capabilities.none(), location);
  }
}
