package dev.skillrt.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.cli.ExitCodes;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.manifest.SkillDefinition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skill list [--json]}: every skill with its runtime, tools and description; a skill whose
 * runtime is not installed is listed as unavailable, with the reason.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the skills of the manifest.")
public final class ListCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  public ListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (SkillEngine engine = context.engine()) {
      if (json) {
        ArrayNode skills = JsonNodeFactory.instance.arrayNode();
        for (String name : engine.skills()) {
          SkillDefinition s = engine.skill(name);
          ObjectNode o = skills.addObject();
          o.put("name", name);
          o.put("kind", kind(engine, name));
          o.put("runtime", s.runtime());
          o.put("description", s.description());
          o.put("available", s.available());
          s.unavailable().ifPresent(why -> o.put("unavailable", why));
          ArrayNode tools = o.putArray("tools");
          s.tools().keySet().forEach(tools::add);
          ArrayNode instances = o.putArray("instances");
          s.instances().keySet().forEach(instances::add);
        }
        context.printJson(skills);
      } else {
        printTable(engine);
      }
    }
    return ExitCodes.OK;
  }

  /**
   * {@code agent-skill} for an Agent Skills folder, {@code manifest} for a {@code [skills.NAME]}
   * table.
   */
  static String kind(SkillEngine engine, String skill) {
    return engine.agentSkills().contains(skill) ? "agent-skill" : "manifest";
  }

  private void printTable(SkillEngine engine) {
    PrintStream out = context.out();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SKILL", "KIND", "RUNTIME", "TOOLS", "DESCRIPTION"});
    for (String name : engine.skills()) {
      SkillDefinition s = engine.skill(name);
      boolean folder = engine.agentSkills().contains(name);
      String tools =
          s.tools().isEmpty()
              ? (folder ? "(instructions only)" : "(any command)")
              : String.join(", ", s.tools().keySet());
      String description = s.available() ? s.description() : "(unavailable) " + s.description();
      rows.add(
          new String[] {name, kind(engine, name), s.runtime(), tools, description.stripTrailing()});
    }
    int[] width = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
      }
      line.append(row[4]);
      out.println(line.toString().stripTrailing());
    }
    for (String name : engine.skills()) {
      engine.skill(name).unavailable().ifPresent(why -> out.println("unavailable: " + why));
    }
    engine
        .manifest()
        .agentSkills()
        .warnings()
        .forEach(w -> context.err().println(Failures.problemLine(w, "warning")));
    if (engine.skills().isEmpty()) {
      out.println("(the manifest " + engine.manifest().source() + " declares no skills)");
    }
  }
}
