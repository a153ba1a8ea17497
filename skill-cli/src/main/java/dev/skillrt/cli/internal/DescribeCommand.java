package dev.skillrt.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.Durations;
import dev.skillrt.api.Limits;
import dev.skillrt.cli.ExitCodes;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.manifest.InstanceDefinition;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.StdinMode;
import dev.skillrt.manifest.ToolDefinition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skill describe SKILL [--json]}: the runtime, limits, instances and tools, with each tool's
 * parameters as a JSON Schema; for an Agent Skills folder, its scripts and its frontmatter and
 * instructions as written. Secret values are never shown.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Show a skill: runtime, limits, instances, and tools with their parameters.")
public final class DescribeCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "SKILL", description = "The skill to describe.")
  String skill = "";

  @Option(names = "--json", description = "Print a JSON object (parameters as JSON Schema).")
  boolean json;

  public DescribeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (SkillEngine engine = context.engine()) {
      SkillDefinition s = engine.skill(skill);
      if (engine.agentSkills().contains(skill)) {
        if (json) {
          context.printJson(AgentSkillDescription.toJson(engine, s));
        } else {
          AgentSkillDescription.print(engine, s, context.out());
        }
      } else if (json) {
        context.printJson(toJson(engine, s));
      } else {
        print(engine, s);
      }
    }
    return ExitCodes.OK;
  }

  private static ObjectNode toJson(SkillEngine engine, SkillDefinition s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", s.name());
    o.put("description", s.description());
    o.put("runtime", s.runtime());
    o.put("source", s.source());
    o.set("limits", limitsJson(s.limits()));
    ArrayNode instances = o.putArray("instances");
    for (InstanceDefinition i : s.instances().values()) {
      ObjectNode io = instances.addObject();
      io.put("name", i.name());
      io.put("description", i.description());
      ArrayNode config = io.putArray("config");
      i.config().keySet().forEach(config::add);
      ArrayNode env = io.putArray("env");
      i.env().keySet().forEach(env::add);
    }
    s.defaultInstance().ifPresent(d -> o.put("defaultInstance", d));
    ArrayNode tools = o.putArray("tools");
    for (ToolDefinition t : s.tools().values()) {
      ObjectNode to = tools.addObject();
      to.put("name", t.name());
      to.put("description", t.description());
      to.put("stdin", t.stdin().name().toLowerCase(Locale.ROOT));
      to.set("parameters", engine.parametersSchema(s.name(), t.name()));
    }
    return o;
  }

  static ObjectNode limitsJson(Limits limits) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    limits.timeout().ifPresent(d -> o.put("timeout", Durations.format(d)));
    limits.memory().ifPresent(m -> o.put("memory", m.toString()));
    limits.cpus().ifPresent(c -> o.put("cpus", c));
    limits.cpuTime().ifPresent(d -> o.put("cpuTime", Durations.format(d)));
    limits.processes().ifPresent(p -> o.put("pids", p));
    limits.outputPerStream().ifPresent(b -> o.put("output", b.toString()));
    return o;
  }

  static String limitsText(Limits limits) {
    List<String> parts = new ArrayList<>();
    limitsJson(limits)
        .fields()
        .forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private void print(SkillEngine engine, SkillDefinition s) {
    PrintStream out = context.out();
    out.println(s.name() + (s.description().isEmpty() ? "" : ": " + s.description()));
    out.println("  runtime:   " + s.runtime());
    out.println("  source:    " + s.source());
    out.println("  limits:    " + limitsText(s.limits()));
    List<String> instances = new ArrayList<>();
    for (InstanceDefinition i : s.instances().values()) {
      instances.add(
          i.name()
              + (s.defaultInstance().filter(i.name()::equals).isPresent() ? " (default)" : ""));
    }
    out.println("  instances: " + (instances.isEmpty() ? "none" : String.join(", ", instances)));
    if (s.tools().isEmpty()) {
      out.println(
          "  tools:     none declared; run it as: skill run " + s.name() + " COMMAND [-- ARGS...]");
      return;
    }
    out.println("  tools:");
    for (ToolDefinition t : s.tools().values()) {
      out.println(
          "    "
              + t.name()
              + (t.description().isEmpty() ? "" : ": " + t.description())
              + (t.stdin() == StdinMode.JSON ? " (arguments as JSON on stdin)" : ""));
      for (ParameterDefinition p : t.parameters().values()) {
        StringBuilder line =
            new StringBuilder(
                "      --arg " + p.name() + "=" + p.type().jsonName().toUpperCase(Locale.ROOT));
        List<String> notes = new ArrayList<>();
        if (p.required()) {
          notes.add("required");
        }
        if (!p.secret()) {
          p.defaultValue().ifPresent(d -> notes.add("default " + text(d)));
        } else {
          notes.add("secret");
        }
        if (!p.secret() && !p.allowedValues().isEmpty()) {
          notes.add("one of " + p.allowedValues().stream().map(DescribeCommand::text).toList());
        }
        if (!notes.isEmpty()) {
          line.append("  (").append(String.join(", ", notes)).append(')');
        }
        if (!p.description().isEmpty()) {
          line.append("  ").append(p.description());
        }
        out.println(line);
      }
    }
  }

  private static String text(JsonNode v) {
    return v.isTextual() ? v.textValue() : v.toString();
  }
}
