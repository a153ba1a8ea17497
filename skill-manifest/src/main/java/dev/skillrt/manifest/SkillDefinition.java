package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Location;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.spi.SkillSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One {@code [skills.NAME]} table.
 *
 * @param name the skill name
 * @param source {@code source}
 * @param runtime {@code runtime}; when not written, the one runtime installed whose table the skill
 *     writes, else {@code wasm} (the default of the upstream format)
 * @param description {@code description}
 * @param ref {@code ref}
 * @param defaultInstance {@code default_instance}
 * @param settings what the runtime's provider read from the skill's {@code [skills.NAME.<runtime>]}
 *     table; empty when the skill is {@linkplain #unavailable() unavailable}
 * @param unavailable why the skill cannot run here (its runtime is not installed); empty when it
 *     can
 * @param limits {@code [skills.NAME.limits]} over {@code [defaults.limits]}, tightened by what the
 *     runtime's table sets (such as Docker {@code memory}/{@code cpus}; the tighter wins)
 * @param tools {@code tools}, in the order written
 * @param instances {@code instances}, in the order written
 * @param services {@code services}
 * @param maskSecrets {@code mask_secrets} (default {@code true}): whether secret values are masked
 *     in the skill's output
 * @param location where the table is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SkillDefinition(
    String name,
    String source,
    String runtime,
    String description,
    Optional<String> ref,
    Optional<String> defaultInstance,
    Optional<SkillSettings> settings,
    Optional<String> unavailable,
    Limits limits,
    Map<String, ToolDefinition> tools,
    Map<String, InstanceDefinition> instances,
    List<ServiceDefinition> services,
    boolean maskSecrets,
    Location location) {

  public SkillDefinition {
    tools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tools));
    instances = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(instances));
    services = List.copyOf(services);
  }

  /** Whether the skill can run here (its runtime is installed). */
  public boolean available() {
    return unavailable.isEmpty();
  }

  /**
   * The settings its runtime read, or a {@link ConfigurationException} at the skill saying why it
   * cannot run here.
   */
  public SkillSettings requireSettings() {
    return settings.orElseThrow(
        () ->
            new ConfigurationException(
                List.of(
                    location.problem(
                        unavailable.orElse("skill " + Echo.quoted(name) + " cannot run here")))));
  }

  /** The tool, or a {@link NotFoundException} listing the tools. */
  public ToolDefinition tool(String toolName) {
    ToolDefinition t = tools.get(toolName);
    if (t == null) {
      throw NotFoundException.of(
          NotFoundException.Kind.TOOL, toolName, new ArrayList<>(tools.keySet()));
    }
    return t;
  }

  /**
   * The instance a call uses: the one named, else {@code default_instance}, else {@code default},
   * else the only one declared; an empty instance when the skill declares none.
   *
   * @throws NotFoundException when the named instance does not exist
   */
  public InstanceDefinition instance(Optional<String> requested) {
    Optional<String> name = requested.or(() -> defaultInstance);
    if (name.isPresent()) {
      InstanceDefinition found = instances.get(name.get());
      if (found == null) {
        if (instances.isEmpty() && requested.isEmpty()) {
          return InstanceDefinition.empty(name.get(), location);
        }
        throw new NotFoundException(
            NotFoundException.Kind.INSTANCE,
            name.get(),
            new ArrayList<>(instances.keySet()),
            "skill "
                + Echo.quoted(this.name)
                + " has no instance "
                + Echo.quoted(name.get())
                + "; its instances: "
                + (instances.isEmpty() ? "none" : String.join(", ", instances.keySet())));
      }
      return found;
    }
    if (instances.containsKey("default")) {
      return instances.get("default");
    }
    if (instances.size() == 1) {
      return instances.values().iterator().next();
    }
    return InstanceDefinition.empty("default", location);
  }
}
