package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillrt.api.Location;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One {@code [skills.NAME.tools.TOOL.parameters.PARAM]} table.
 *
 * @param name the parameter name
 * @param type {@code type}
 * @param description {@code description}
 * @param required {@code required} (default false)
 * @param defaultValue {@code default}, of the parameter's type
 * @param allowedValues {@code enum}, empty when any value of the type is allowed
 * @param secret {@code secret}: the value never appears in audit events, logs or messages
 * @param allowLeadingDash {@code allow_leading_dash} (default false): whether a caller's value may
 *     begin an argument with {@code -} where the program could read it as an option (negative
 *     numbers, for a program that takes them there)
 * @param location where the table is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ParameterDefinition(
    String name,
    ParameterType type,
    String description,
    boolean required,
    Optional<JsonNode> defaultValue,
    List<JsonNode> allowedValues,
    boolean secret,
    boolean allowLeadingDash,
    Location location) {

  public ParameterDefinition {
    defaultValue = defaultValue.map(JsonNode::deepCopy);
    allowedValues = allowedValues.stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }
}
