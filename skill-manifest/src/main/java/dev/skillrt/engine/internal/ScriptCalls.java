package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.agentskills.AgentScript;
import dev.skillrt.agentskills.AgentSkill;
import dev.skillrt.agentskills.internal.AllowedTools;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Problem;
import dev.skillrt.api.Violation;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.manifest.SkillDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One call of an Agent Skills script: argv {@code INTERPRETER SCRIPT ARGS...} (each of {@code args}
 * one argument, as given), stdin from {@code stdin} or the call's options, and the engine's rules
 * for it: a script no allowed interpreter runs is refused, and so is a call the skill's {@code
 * allowed-tools} does not admit (see {@link AllowedTools}).
 */
public final class ScriptCalls {

  static final String RULE_INTERPRETER = "agent_skills.interpreter";
  static final String RULE_ALLOWED_TOOLS = "agent_skills.allowed_tools";

  private ScriptCalls() {}

  /** A script tool's schema says what {@code args} holds: strings. */
  public static void describeArguments(ObjectNode schema) {
    JsonNode args = schema.path("properties").path("args");
    if (args instanceof ObjectNode a) {
      a.putObject("items").put("type", "string");
    }
  }

  record ScriptCall(
      ObjectNode checked, List<String> argv, Optional<byte[]> stdin, List<PolicyRule> rules) {}

  static ScriptCall prepare(
      AgentSkill agent,
      SkillDefinition skill,
      String toolName,
      JsonNode arguments,
      ExecuteOptions options) {
    AgentScript script = agent.script(toolName);
    String where = "tool " + Echo.quoted(skill.name() + "/" + toolName);
    if (!options.positionalArguments().isEmpty()) {
      throw new ConfigurationException(
          where
              + " takes its script's arguments as args (an array of strings), not as positional arguments");
    }
    ObjectNode checked = ArgumentChecker.check(skill.name(), skill.tool(toolName), arguments);
    List<String> args = new ArrayList<>();
    JsonNode given = checked.get("args");
    List<Problem> problems = new ArrayList<>();
    if (given != null) {
      for (int i = 0; i < given.size(); i++) {
        JsonNode a = given.get(i);
        if (!a.isTextual()) {
          problems.add(
              Problem.of(
                  where
                      + ": args["
                      + i
                      + "] must be a string, found "
                      + a.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                      + "; pass every argument as a string"));
        } else {
          args.add(a.textValue());
        }
      }
    }
    Optional<byte[]> stdin = Optional.empty();
    JsonNode text = checked.get("stdin");
    if (text != null) {
      if (options.stdin().isPresent()) {
        problems.add(
            Problem.of(
                where + ": stdin is given both as an argument and with the call; give it once"));
      }
      stdin = Optional.of(text.textValue().getBytes(StandardCharsets.UTF_8));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    String interpreter = script.interpreter().orElse("sh");
    List<String> argv = new ArrayList<>();
    argv.add(interpreter);
    argv.add(script.file().toString());
    argv.addAll(args);
    List<PolicyRule> rules = new ArrayList<>();
    script
        .refusal()
        .ifPresent(why -> rules.add(rule(RULE_INTERPRETER, why, script.relativePath())));
    if (script.runnable() && agent.allowedTools().isPresent()) {
      List<String> entries = agent.allowedTools().get();
      if (!AllowedTools.admits(entries, script.tool(), script.relativePath(), interpreter, args)) {
        rules.add(
            rule(
                RULE_ALLOWED_TOOLS,
                "skill "
                    + Echo.quoted(agent.name())
                    + " allows only the tools its allowed-tools names ("
                    + (entries.isEmpty() ? "none" : String.join(" ", entries))
                    + "), and none admits "
                    + script.relativePath()
                    + (args.isEmpty() ? "" : " with these arguments")
                    + "; add Bash("
                    + script.relativePath()
                    + ":*) to allowed-tools in its SKILL.md to allow it",
                script.relativePath()));
      }
    }
    return new ScriptCall(checked, argv, stdin, rules);
  }

  /** Denies a call; at validation only warns, since the skill still loads. */
  private static PolicyRule rule(String id, String message, String offending) {
    return PolicyRule.of(
        id,
        (request, phase) ->
            List.of(
                phase == PolicyPhase.EXECUTE
                    ? Violation.error(id, message, offending)
                    : Violation.warning(id, message, offending)));
  }
}
