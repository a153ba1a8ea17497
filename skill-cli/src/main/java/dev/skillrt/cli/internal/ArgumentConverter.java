package dev.skillrt.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.ParameterType;
import dev.skillrt.manifest.ToolDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a call's arguments from {@code --args-json} and {@code --arg KEY=VALUE}: each value is
 * converted to the type its parameter declares; a value that does not fit is a usage error that
 * names the parameter. {@code --arg} wins over {@code --args-json}; an array parameter given with
 * {@code --arg} several times collects the values.
 */
final class ArgumentConverter {

  /** The longest number {@code --arg} parses, as Jackson's default for JSON. */
  static final int MAX_NUMBER_CHARS = 1000;

  private ArgumentConverter() {}

  static ObjectNode arguments(
      String skill, Optional<ToolDefinition> tool, Optional<String> argsJson, List<String> args) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (argsJson.isPresent()) {
      JsonNode parsed;
      try {
        parsed = CliContext.JSON.readTree(argsJson.get());
      } catch (JsonProcessingException e) {
        throw new UsageException(
            "--args-json is not valid JSON ("
                + Echo.of(e.getOriginalMessage())
                + "); pass one JSON object,"
                + " e.g. --args-json '{\"name\": \"World\"}'");
      }
      if (parsed == null || !parsed.isObject()) {
        throw new UsageException(
            "--args-json must be a JSON object of the tool's parameters, e.g. '{\"name\": \"World\"}'");
      }
      out.setAll((ObjectNode) parsed);
    }
    ObjectNode fromArgs = JsonNodeFactory.instance.objectNode();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "--arg " + Echo.of(arg) + ": expected KEY=VALUE, e.g. --arg name=World");
      }
      String key = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      if (tool.isEmpty()) {
        fromArgs.put(key, value);
        continue;
      }
      ToolDefinition t = tool.get();
      ParameterDefinition p =
          t.parameter(key)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--arg "
                              + Echo.of(key)
                              + ": tool "
                              + Echo.quoted(skill + "/" + t.name())
                              + " has no parameter "
                              + Echo.quoted(key)
                              + "; its parameters: "
                              + (t.parameters().isEmpty()
                                  ? "none"
                                  : String.join(", ", t.parameters().keySet()))));
      JsonNode converted = convert(skill, t, p, value);
      JsonNode previous = fromArgs.get(key);
      if (previous != null && previous.isArray() && converted.isArray()) {
        ((ArrayNode) previous).addAll((ArrayNode) converted);
      } else {
        fromArgs.set(key, converted);
      }
    }
    out.setAll(fromArgs);
    return out;
  }

  /** {@code value} as the parameter's type. */
  static JsonNode convert(String skill, ToolDefinition tool, ParameterDefinition p, String value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String trimmed = value.trim();
    boolean numeric = p.type() == ParameterType.INTEGER || p.type() == ParameterType.NUMBER;
    if (numeric && trimmed.length() > MAX_NUMBER_CHARS) {
      // parsing a number of millions of digits takes minutes; JSON input has the same cap
      throw new UsageException(
          "--arg "
              + p.name()
              + "="
              + (p.secret() ? "***" : Echo.of(value))
              + ": parameter \""
              + p.name()
              + "\" of "
              + skill
              + "/"
              + tool.name()
              + " is "
              + article(p)
              + " of at most "
              + MAX_NUMBER_CHARS
              + " characters; "
              + example(p));
    }
    try {
      return switch (p.type()) {
        case STRING -> f.textNode(value);
        case INTEGER -> f.numberNode(new BigInteger(trimmed));
        case NUMBER -> f.numberNode(new BigDecimal(trimmed));
        case BOOLEAN ->
            switch (trimmed.toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on", "1" -> f.booleanNode(true);
              case "false", "no", "off", "0" -> f.booleanNode(false);
              default -> throw new NumberFormatException();
            };
        case ARRAY -> {
          if (trimmed.startsWith("[")) {
            JsonNode parsed = CliContext.JSON.readTree(trimmed);
            if (parsed == null || !parsed.isArray()) {
              throw new NumberFormatException();
            }
            yield parsed;
          }
          yield f.arrayNode().add(value);
        }
        case OBJECT -> {
          JsonNode parsed = CliContext.JSON.readTree(trimmed);
          if (parsed == null || !parsed.isObject()) {
            throw new NumberFormatException();
          }
          yield parsed;
        }
      };
    } catch (NumberFormatException | JsonProcessingException e) {
      throw new UsageException(
          "--arg "
              + p.name()
              + "="
              + (p.secret() ? "***" : Echo.of(value))
              + ": parameter \""
              + p.name()
              + "\" of "
              + skill
              + "/"
              + tool.name()
              + " is "
              + article(p)
              + "; "
              + example(p));
    }
  }

  private static String article(ParameterDefinition p) {
    return switch (p.type()) {
      case INTEGER -> "an integer";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> "a " + p.type().jsonName();
    };
  }

  private static String example(ParameterDefinition p) {
    return switch (p.type()) {
      case INTEGER -> "give a whole number, e.g. --arg " + p.name() + "=3";
      case NUMBER -> "give a number, e.g. --arg " + p.name() + "=1.5";
      case BOOLEAN -> "give true or false, e.g. --arg " + p.name() + "=true";
      case ARRAY -> "give a JSON array, e.g. --arg " + p.name() + "='[1, 2]'";
      case OBJECT -> "give a JSON object, e.g. --arg " + p.name() + "='{\"key\": 1}'";
      case STRING -> "give any text";
    };
  }
}
