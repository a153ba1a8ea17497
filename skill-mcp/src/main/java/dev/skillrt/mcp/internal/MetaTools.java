package dev.skillrt.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream server's two generic tools, so agents configured for it keep working: {@code
 * list_skills} (every skill with its tools and their parameter schemas) and {@code execute} ({@code
 * skill}, {@code tool}, optional {@code instance}, {@code args}).
 */
final class MetaTools {

  static final String LIST_SKILLS = "list_skills";
  static final String EXECUTE = "execute";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetaTools() {}

  static List<McpSchema.Tool> definitions() {
    Map<String, Object> listSchema = Map.of("type", "object", "properties", Map.of());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "skill", Map.of("type", "string", "description", "The skill, as list_skills names it"));
    props.put("tool", Map.of("type", "string", "description", "The tool of the skill"));
    props.put(
        "instance",
        Map.of(
            "type", "string", "description", "The skill instance (default: the skill's default)"));
    props.put(
        "args",
        Map.of(
            "type",
            "object",
            "description",
            "The tool's parameters, as list_skills describes them"));
    Map<String, Object> executeSchema =
        Map.of("type", "object", "properties", props, "required", List.of("skill", "tool"));
    return List.of(
        McpSchema.Tool.builder()
            .name(LIST_SKILLS)
            .description(
                "Lists the skills this server runs, each with its tools and their parameters (JSON Schema).")
            .inputSchema(listSchema)
            .annotations(
                McpSchema.ToolAnnotations.builder().readOnlyHint(true).openWorldHint(false).build())
            .build(),
        McpSchema.Tool.builder()
            .name(EXECUTE)
            .description(
                "Runs one tool of a skill with the given arguments and returns its output.")
            .inputSchema(executeSchema)
            .outputSchema(ResultSchema.get())
            .annotations(McpSchema.ToolAnnotations.builder().openWorldHint(true).build())
            .build());
  }

  static McpSchema.CallToolResult listSkills(SkillEngine engine) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode skills = root.putArray("skills");
    for (SkillDefinition s : engine.manifest().skills().values()) {
      ObjectNode o = skills.addObject();
      o.put("name", s.name());
      o.put("description", s.description());
      o.put("runtime", s.runtime());
      ArrayNode instances = o.putArray("instances");
      s.instances().keySet().forEach(instances::add);
      ArrayNode tools = o.putArray("tools");
      for (ToolDefinition t : s.tools().values()) {
        ObjectNode to = tools.addObject();
        to.put("name", t.name());
        to.put("description", t.description());
        to.set("parameters", engine.parametersSchema(s.name(), t.name()));
      }
    }
    try {
      String text = JSON.writeValueAsString(root);
      return McpSchema.CallToolResult.builder()
          .content(List.of(new McpSchema.TextContent(text)))
          .isError(false)
          .build();
    } catch (JsonProcessingException e) {
      return ToolResults.refused("cannot list the skills: " + e.getOriginalMessage());
    }
  }

  /** Where an {@code execute} call goes; {@code instance} rides along in the arguments. */
  static CallDispatcher.Target target(Map<String, Object> arguments) {
    Map<String, Object> a = arguments == null ? Map.of() : arguments;
    if (!(a.get("skill") instanceof String skill) || skill.isEmpty()) {
      return refusal("parameter \"skill\": required, a skill name from list_skills");
    }
    if (!(a.get("tool") instanceof String tool) || tool.isEmpty()) {
      return refusal(
          "parameter \"tool\": required, a tool name of skill " + skill + " from list_skills");
    }
    Object args = a.getOrDefault("args", Map.of());
    if (!(args instanceof Map<?, ?> given)) {
      return refusal("parameter \"args\": must be an object of the tool's parameters");
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    given.forEach((k, v) -> merged.put(String.valueOf(k), v));
    Object instance = a.get("instance");
    if (instance != null) {
      if (!(instance instanceof String)) {
        return refusal(
            "parameter \"instance\": must be a string naming an instance of skill " + skill);
      }
      merged.put(ServedTools.INSTANCE, instance);
    }
    return CallDispatcher.Target.of(skill, tool, merged, true);
  }

  private static CallDispatcher.Target refusal(String message) {
    return CallDispatcher.Target.refused(message);
  }
}
