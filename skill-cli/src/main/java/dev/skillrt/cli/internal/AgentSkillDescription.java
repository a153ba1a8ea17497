package dev.skillrt.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.agentskills.AgentScript;
import dev.skillrt.agentskills.AgentSkill;
import dev.skillrt.agentskills.SkillFile;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.manifest.SkillDefinition;
import java.io.PrintStream;

/** {@code skill describe} of an Agent Skills folder: its scripts, then its SKILL.md as written. */
final class AgentSkillDescription {

  private AgentSkillDescription() {}

  static ObjectNode toJson(SkillEngine engine, SkillDefinition s) {
    AgentSkill a = engine.agentSkills().skill(s.name());
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", a.name());
    o.put("kind", "agent-skill");
    o.put("description", a.description());
    o.put("runtime", s.runtime());
    o.put("folder", a.folder().toString());
    o.set("limits", DescribeCommand.limitsJson(s.limits()));
    a.license().ifPresent(l -> o.put("license", l));
    a.compatibility().ifPresent(c -> o.put("compatibility", c));
    ObjectNode metadata = o.putObject("metadata");
    a.metadata().forEach(metadata::put);
    a.allowedTools().ifPresent(list -> list.forEach(o.putArray("allowedTools")::add));
    o.put("frontmatter", a.frontmatter());
    o.put("instructions", a.body());
    ArrayNode tools = o.putArray("tools");
    for (AgentScript script : a.scripts()) {
      ObjectNode t = tools.addObject();
      t.put("name", script.tool());
      t.put("file", script.relativePath());
      script.interpreter().ifPresent(i -> t.put("interpreter", i));
      script.refusal().ifPresent(r -> t.put("refused", r));
      t.set("parameters", engine.parametersSchema(s.name(), script.tool()));
    }
    ArrayNode files = o.putArray("files");
    for (SkillFile f : engine.agentSkills().files(a.name())) {
      files.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
    }
    return o;
  }

  static void print(SkillEngine engine, SkillDefinition s, PrintStream out) {
    AgentSkill a = engine.agentSkills().skill(s.name());
    out.println(a.name() + (a.description().isEmpty() ? "" : ": " + a.description()));
    out.println("  kind:      agent-skill");
    out.println("  folder:    " + a.folder());
    out.println("  runtime:   " + s.runtime());
    out.println("  limits:    " + DescribeCommand.limitsText(s.limits()));
    if (a.scripts().isEmpty()) {
      out.println("  scripts:   none (instructions only)");
    } else {
      out.println("  scripts:   (run one: skill run " + a.name() + " SCRIPT -- ARGS...)");
      for (AgentScript script : a.scripts()) {
        out.println(
            "    "
                + script.tool()
                + "  "
                + script
                    .interpreter()
                    .map(i -> i + " " + script.relativePath())
                    .orElse(script.relativePath())
                + script.refusal().map(r -> "  (refused: " + r + ")").orElse(""));
      }
    }
    out.println();
    out.println("---");
    out.print(a.frontmatter());
    out.println("---");
    out.print(a.body());
    if (!a.body().endsWith("\n")) {
      out.println();
    }
  }
}
