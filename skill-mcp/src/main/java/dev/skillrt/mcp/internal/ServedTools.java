package dev.skillrt.mcp.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolNames;
import dev.skillrt.engine.ToolNames.QualifiedTool;
import dev.skillrt.manifest.Capabilities;
import dev.skillrt.manifest.InstanceDefinition;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.spi.SkillSettings;
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
      ToolNames.of(engine.manifest()).forEach((qualified, name) -> {
        names.put(name, qualified);
        defs.add(definition(engine, name, qualified));
      });
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
        .description(describe(skill, tool))
        .inputSchema(toMap(schema))
        .outputSchema(ResultSchema.get())
        .annotations(
            McpSchema.ToolAnnotations.builder()
                .title(q.skill() + " " + q.tool())
                .openWorldHint(mayReachNetwork(engine.manifest(), skill))
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
    p.put("description", "The skill instance to use (default: "
        + skill.defaultInstance().orElse(skill.instances().containsKey("default") ? "default" : skill.instances().keySet().iterator().next())
        + ")");
    ArrayNode e = p.putArray("enum");
    skill.instances().keySet().forEach(e::add);
  }

  static String describe(SkillDefinition skill, ToolDefinition tool) {
    return ToolNames.description(skill, tool);
  }

  /**
   * Whether some instance of the skill may reach a network, as the engine decides it: when its
   * runtime's table grants or refuses a network (a Docker {@code network}), that, unless the
   * instance turns it off; else {@code network_access}.
   */
  static boolean mayReachNetwork(Manifest manifest, SkillDefinition skill) {
    List<InstanceDefinition> instances = new ArrayList<>(skill.instances().values());
    if (instances.isEmpty()) {
      instances.add(skill.instance(Optional.empty()));
    }
    for (InstanceDefinition i : instances) {
      Capabilities caps = manifest.defaults().capabilities().overriddenBy(i.capabilities());
      Optional<Boolean> table = skill.settings().flatMap(SkillSettings::network);
      boolean network =
          table.isPresent()
              ? table.get() && i.capabilities().networkAccess().orElse(true)
              : caps.networkAccess().orElse(false);
      if (network) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(@Nullable ObjectNode node) {
    return node == null ? Map.of() : JSON.convertValue(node, Map.class);
  }
}
