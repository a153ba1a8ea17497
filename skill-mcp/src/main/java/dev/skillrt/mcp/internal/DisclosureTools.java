package dev.skillrt.mcp.internal;

import dev.skillrt.agentskills.AgentSkill;
import dev.skillrt.agentskills.AgentSkills;
import dev.skillrt.agentskills.SkillFile;
import dev.skillrt.agentskills.SkillResource;
import dev.skillrt.api.SkillException;
import dev.skillrt.engine.SkillEngine;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools that disclose Agent Skills folders to a model that does not speak the Skills extension:
 * {@code activate_skill} ({@code name}, an enum of the skills) returns a skill's instructions and
 * the list of its files, and {@code read_skill_resource} ({@code skill}, {@code path}) returns one
 * file, refused outside the folder as {@link AgentSkills#resource} refuses it.
 */
final class DisclosureTools {

  static final String ACTIVATE = "activate_skill";
  static final String READ = "read_skill_resource";

  private DisclosureTools() {}

  /** The two tools, or none when the engine has no skill folders. */
  static List<McpSchema.Tool> definitions(SkillEngine engine) {
    AgentSkills skills = engine.agentSkills();
    if (skills.names().isEmpty()) {
      return List.of();
    }
    StringBuilder catalogue = new StringBuilder();
    skills
        .catalogue()
        .forEach(
            e -> catalogue.append("\n- ").append(e.name()).append(": ").append(e.description()));
    Map<String, Object> name = new LinkedHashMap<>();
    name.put("type", "string");
    name.put("description", "The skill to activate");
    name.put("enum", skills.names());
    Map<String, Object> activateSchema =
        Map.of("type", "object", "properties", Map.of("name", name), "required", List.of("name"));
    Map<String, Object> readProps = new LinkedHashMap<>();
    Map<String, Object> skill = new LinkedHashMap<>();
    skill.put("type", "string");
    skill.put("description", "The skill whose file to read");
    skill.put("enum", skills.names());
    readProps.put("skill", skill);
    readProps.put(
        "path",
        Map.of(
            "type",
            "string",
            "description",
            "The file's path inside the skill folder, as activate_skill lists it"));
    Map<String, Object> readSchema =
        Map.of("type", "object", "properties", readProps, "required", List.of("skill", "path"));
    McpSchema.ToolAnnotations readOnly =
        McpSchema.ToolAnnotations.builder().readOnlyHint(true).openWorldHint(false).build();
    return List.of(
        McpSchema.Tool.builder()
            .name(ACTIVATE)
            .description(
                "Loads the instructions of one of these skills and lists its files; call it when a task matches a"
                    + " skill's description."
                    + catalogue)
            .inputSchema(activateSchema)
            .annotations(readOnly)
            .build(),
        McpSchema.Tool.builder()
            .name(READ)
            .description(
                "Reads one file of a skill (a reference, an asset, a script's source) that its instructions name.")
            .inputSchema(readSchema)
            .annotations(readOnly)
            .build());
  }

  static McpSchema.CallToolResult activate(SkillEngine engine, Map<String, Object> arguments) {
    Object name = arguments == null ? null : arguments.get("name");
    AgentSkills skills = engine.agentSkills();
    if (!(name instanceof String n) || !skills.contains(n)) {
      return ToolResults.refused(
          "parameter \"name\": required, one of the skills: " + String.join(", ", skills.names()));
    }
    AgentSkill s = skills.skill(n);
    StringBuilder text = new StringBuilder(s.body());
    if (!s.body().endsWith("\n")) {
      text.append('\n');
    }
    text.append("\nFiles of skill ")
        .append(n)
        .append(" (read one with ")
        .append(READ)
        .append("):\n");
    for (SkillFile f : skills.files(n)) {
      text.append("- ").append(f.path()).append(" (").append(f.size()).append(" bytes)\n");
    }
    if (!s.scripts().isEmpty()) {
      text.append("\nIts scripts run as the tools ")
          .append(n)
          .append("__SCRIPT, with args (an array of strings) and stdin.\n");
    }
    return McpSchema.CallToolResult.builder()
        .content(List.of(new McpSchema.TextContent(text.toString())))
        .isError(false)
        .build();
  }

  static McpSchema.CallToolResult read(SkillEngine engine, Map<String, Object> arguments) {
    Map<String, Object> a = arguments == null ? Map.of() : arguments;
    AgentSkills skills = engine.agentSkills();
    if (!(a.get("skill") instanceof String skill) || !skills.contains(skill)) {
      return ToolResults.refused(
          "parameter \"skill\": required, one of the skills: " + String.join(", ", skills.names()));
    }
    if (!(a.get("path") instanceof String path)) {
      return ToolResults.refused(
          "parameter \"path\": required, a file of skill " + skill + " as activate_skill lists it");
    }
    SkillResource r;
    try {
      r = skills.resource(skill, path);
    } catch (SkillException e) {
      return ToolResults.refused(e.getMessage());
    }
    String uri = SkillUris.of(skill, path);
    McpSchema.Content content =
        r.text()
            .<McpSchema.Content>map(McpSchema.TextContent::new)
            .orElseGet(
                () ->
                    new McpSchema.EmbeddedResource(
                        null,
                        new McpSchema.BlobResourceContents(
                            uri, r.mimeType(), Base64.getEncoder().encodeToString(r.content()))));
    return McpSchema.CallToolResult.builder().content(List.of(content)).isError(false).build();
  }
}
