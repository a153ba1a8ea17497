package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.ToolDefinition;

/** A tool's parameters as a JSON Schema object (what agent platforms expect). */
public final class JsonSchemas {

  private JsonSchemas() {}

  public static ObjectNode forTool(ToolDefinition tool) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    if (!tool.description().isEmpty()) {
      schema.put("description", tool.description());
    }
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = JsonNodeFactory.instance.arrayNode();
    for (ParameterDefinition p : tool.parameters().values()) {
      ObjectNode prop = properties.putObject(p.name());
      prop.put("type", p.type().jsonName());
      if (!p.description().isEmpty()) {
        prop.put("description", p.description());
      }
      if (p.secret()) {
        // neither a default nor the allowed values of a secret are shown
        prop.put("writeOnly", true);
      } else {
        p.defaultValue().ifPresent(d -> prop.set("default", d));
      }
      if (!p.secret() && !p.allowedValues().isEmpty()) {
        ArrayNode e = prop.putArray("enum");
        p.allowedValues().forEach(e::add);
      }
      if (p.required()) {
        required.add(p.name());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }
}
