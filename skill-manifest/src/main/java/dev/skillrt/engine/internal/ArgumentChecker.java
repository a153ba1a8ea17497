package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.Suggestions;
import dev.skillrt.manifest.ManifestMaxima;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a call's arguments against a tool's parameters before anything runs: unknown names,
 * missing required ones, wrong types, values outside {@code enum}, secret values longer than {@link
 * ManifestMaxima#SECRET_ARGUMENT}. Defaults fill the gaps. Messages name the parameter and never
 * echo a value.
 */
public final class ArgumentChecker {

  private static final long MAX_SECRET_BYTES = ManifestMaxima.SECRET_ARGUMENT.bytes();

  private ArgumentChecker() {}

  /**
   * @return the arguments with defaults applied
   * @throws ConfigurationException listing every problem
   */
  public static ObjectNode check(String skill, ToolDefinition tool, JsonNode arguments) {
    List<Problem> problems = new ArrayList<>();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (arguments != null
        && !arguments.isNull()
        && !arguments.isMissingNode()
        && !arguments.isObject()) {
      throw new ConfigurationException(
          where(skill, tool)
              + " takes its arguments as a JSON object, not "
              + arguments.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    ObjectNode given =
        arguments != null && arguments.isObject() ? (ObjectNode) arguments : out.objectNode();
    Iterator<String> names = given.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!tool.parameters().containsKey(name)) {
        problems.add(
            Problem.of(
                where(skill, tool)
                    + " has no parameter "
                    + Echo.quoted(name)
                    + Suggestions.didYouMean(name, tool.parameters().keySet())
                    + " (parameters: "
                    + (tool.parameters().isEmpty()
                        ? "none"
                        : String.join(", ", tool.parameters().keySet()))
                    + ")"));
      }
    }
    for (Map.Entry<String, ParameterDefinition> e : tool.parameters().entrySet()) {
      ParameterDefinition p = e.getValue();
      JsonNode value = given.get(e.getKey());
      if (value == null || value.isNull()) {
        if (p.defaultValue().isPresent()) {
          out.set(e.getKey(), p.defaultValue().get());
        } else if (p.required()) {
          problems.add(
              Problem.of(
                  where(skill, tool)
                      + ": missing required parameter \""
                      + e.getKey()
                      + "\" ("
                      + p.type().jsonName()
                      + ")"));
        }
        continue;
      }
      if (!p.type().matches(value)) {
        problems.add(
            Problem.of(
                where(skill, tool)
                    + ": parameter \""
                    + e.getKey()
                    + "\" must be of type "
                    + p.type().jsonName()
                    + ", found "
                    + kind(value)));
        continue;
      }
      if (p.secret() && tooLongForASecret(value)) {
        problems.add(
            Problem.of(
                where(skill, tool)
                    + ": secret parameter \""
                    + e.getKey()
                    + "\" is longer than "
                    + MAX_SECRET_BYTES
                    + " bytes (4 KiB in UTF-8), the most a call may give a secret; pass a shorter value, or keep a long"
                    + " secret (a key, a certificate) in the manifest as a secret env or config value"));
        continue;
      }
      if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(value)) {
        String choices =
            p.secret()
                ? ""
                : " (allowed: "
                    + String.join(", ", p.allowedValues().stream().map(JsonNode::toString).toList())
                    + ")";
        problems.add(
            Problem.of(
                where(skill, tool)
                    + ": parameter \""
                    + e.getKey()
                    + "\" is not one of its allowed values"
                    + choices));
        continue;
      }
      out.set(e.getKey(), value);
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return out;
  }

  /** The tool, for messages; built only for a problem. */
  private static String where(String skill, ToolDefinition tool) {
    return "tool " + Echo.quoted(skill + "/" + tool.name());
  }

  /** Whether the value, as the skill and the masking see it, is longer than a secret may be. */
  private static boolean tooLongForASecret(JsonNode value) {
    String text = ArgvTemplate.text(value);
    // a character is at least one byte: only a short text needs encoding to be measured
    return text.length() > MAX_SECRET_BYTES
        || text.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES;
  }

  private static String kind(JsonNode v) {
    if (v.isTextual()) return "a string";
    if (v.isBoolean()) return "a boolean";
    if (v.isIntegralNumber()) return "an integer";
    if (v.isNumber()) return "a number";
    if (v.isArray()) return "an array";
    if (v.isObject()) return "an object";
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
