package dev.skillrt.mcp.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolNames;
import dev.skillrt.engine.ToolNames.QualifiedTool;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The MCP tools of one engine: for each declared skill tool, its MCP name (the {@link ToolNames}
 * rule), its definition (description, the engine's JSON Schema plus an optional {@code instance},
 * the result schema, hints), and the way back from name to skill and tool. Immutable.
 */
public final class ServedTools {

  /** The argument naming the skill instance, added to the schema of a skill that has instances. */
  public static final String INSTANCE = "instance";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SkillEngine engine;
  private final Map<String, QualifiedTool> byName;
  private final List<McpSchema.Tool> tools;

  public ServedTools(SkillEngine engine, boolean skills, boolean meta) {
    this.engine = engine;
    Map<String, QualifiedTool> names = new LinkedHashMap<>();
    List<McpSchema.Tool> defs = new ArrayList<>();
    if (skills) {
      ToolNames.of(engine.manifest())
          .forEach(
              (qualified, name) -> {
                names.put(name, qualified);
                defs.add(definition(engine, name, qualified));
              });
      defs.addAll(DisclosureTools.definitions(engine));
    }
    if (meta) {
      defs.addAll(MetaTools.definitions());
    }
    this.byName = Map.copyOf(names);
    this.tools = List.copyOf(defs);
  }

  public SkillEngine engine() {
    return engine;
  }

  public List<McpSchema.Tool> tools() {
    return tools;
  }

  public Optional<QualifiedTool> resolve(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  private static McpSchema.Tool definition(SkillEngine engine, String name, QualifiedTool q) {
    SkillDefinition skill = engine.skill(q.skill());
    ToolDefinition tool = skill.tool(q.tool());
    ObjectNode schema = engine.parametersSchema(q.skill(), q.tool());
    addInstance(schema, skill);
    return McpSchema.Tool.builder()
        .name(name)
        .title(q.skill() + " " + q.tool())
        .description(ToolNames.description(skill, tool))
        .inputSchema(toMap(schema))
        .outputSchema(ResultSchema.get())
        .annotations(
            McpSchema.ToolAnnotations.builder()
                .title(q.skill() + " " + q.tool())
                .openWorldHint(engine.mayReachNetwork(skill.name()))
                .build())
        .build();
  }

  /** Adds the optional {@code instance} enum when the skill declares instances. */
  static void addInstance(ObjectNode schema, SkillDefinition skill) {
    if (skill.instances().isEmpty() || schema.path("properties").has(INSTANCE)) {
      return;
    }
    ObjectNode p = schema.withObject("/properties").putObject(INSTANCE);
    p.put("type", "string");
    p.put(
        "description",
        "The skill instance to use (default: "
            + skill
                .defaultInstance()
                .orElse(
                    skill.instances().containsKey("default")
                        ? "default"
                        : skill.instances().keySet().iterator().next())
            + ")");
    ArrayNode e = p.putArray("enum");
    skill.instances().keySet().forEach(e::add);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(@Nullable ObjectNode node) {
    return node == null ? Map.of() : JSON.convertValue(node, Map.class);
  }
}
