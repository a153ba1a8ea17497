package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One {@code [skills.NAME.tools.TOOL]} table.
 *
 * @param name the tool name
 * @param description {@code description}
 * @param args {@code args}: the argv template; each element is one argument and may hold {@code
 *     {{param}}} placeholders
 * @param stdin {@code stdin}
 * @param parameters {@code parameters}, in the order written
 * @param location where the table is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ToolDefinition(
    String name,
    String description,
    List<String> args,
    StdinMode stdin,
    Map<String, ParameterDefinition> parameters,
    Location location) {

  public ToolDefinition {
    args = List.copyOf(args);
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }

  public Optional<ParameterDefinition> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
