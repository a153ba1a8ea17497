package dev.skillrt.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's JSON Schema of a tool's parameters (what {@code skill describe --json} publishes) as
 * LangChain4j's {@link JsonObjectSchema}: a property LangChain4j has a type for (a plain string,
 * integer, number, boolean, or a string enum) becomes that type; any other (one with a default, a
 * secret's {@code writeOnly}, an array, an object) is kept as it is, a {@link JsonRawSchema} of the
 * engine's own JSON, so nothing the engine says is lost.
 */
public final class ParameterSchemas {

  private static final Set<String> PLAIN = Set.of("type", "description");
  private static final Set<String> ENUM = Set.of("type", "description", "enum");

  private ParameterSchemas() {}

  public static JsonObjectSchema of(ObjectNode schema) {
    JsonObjectSchema.Builder b = JsonObjectSchema.builder();
    if (schema.hasNonNull("description")) {
      b.description(schema.get("description").asText());
    }
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> p = properties.next();
      b.addProperty(p.getKey(), property(p.getValue()));
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    if (!required.isEmpty()) {
      b.required(required);
    }
    if (schema.has("additionalProperties")) {
      b.additionalProperties(schema.get("additionalProperties").asBoolean());
    }
    return b.build();
  }

  static JsonSchemaElement property(JsonNode p) {
    String type = p.path("type").asText("");
    String description = p.hasNonNull("description") ? p.get("description").asText() : null;
    if (only(p, PLAIN)) {
      switch (type) {
        case "string":
          return JsonStringSchema.builder().description(description).build();
        case "integer":
          return JsonIntegerSchema.builder().description(description).build();
        case "number":
          return JsonNumberSchema.builder().description(description).build();
        case "boolean":
          return JsonBooleanSchema.builder().description(description).build();
        default:
          break;
      }
    }
    if (type.equals("string") && only(p, ENUM) && allText(p.path("enum"))) {
      List<String> values = new ArrayList<>();
      p.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().description(description).enumValues(values).build();
    }
    return JsonRawSchema.from(p.toString());
  }

  private static boolean only(JsonNode node, Set<String> keys) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      if (!keys.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private static boolean allText(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      return false;
    }
    for (JsonNode v : array) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
