package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One {@code [skills.NAME.tools.TOOL]} table.
 *
 * @param name the tool name
 * @param description {@code description}
 * @param template {@code args}: the argv template, element by element; a string becomes one
 *     argument, a nested array is a group kept or left out whole, and either may hold {@code
 *     {{param}}} placeholders
 * @param stdin {@code stdin}
 * @param parameters {@code parameters}, in the order written
 * @param location where the table is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ToolDefinition(
    String name,
    String description,
    List<ArgvElement> template,
    StdinMode stdin,
    Map<String, ParameterDefinition> parameters,
    Location location) {

  public ToolDefinition {
    template = List.copyOf(template);
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }

  /** The template's strings in order, groups flattened: for display. */
  public List<String> args() {
    return template.stream().flatMap(e -> e.parts().stream()).toList();
  }

  public Optional<ParameterDefinition> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
