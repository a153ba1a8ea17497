package dev.skillrt.engine.internal;

import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.manifest.ArgvElement;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.ParameterType;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.spi.SkillSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What validation warns about in argv templates: a literal flag followed by an optional value that
 * is not tied to it (a call without the value is refused, see {@link ArgvTemplate}), a secret
 * parameter placed on a command line, where every local user can read it, and an {@code
 * allow_leading_dash} that can have no effect.
 *
 * <p>A placeholder that could start an argument before any {@code "--"} is not warned about: that
 * is most templates ({@code ["cat", "{{path}}"]}), and a call is refused when a value there would
 * start with {@code -} (see {@link LeadingDashRule}).
 */
final class TemplateChecks {

  private TemplateChecks() {}

  static List<Problem> warnings(SkillDefinition skill) {
    List<Problem> out = new ArrayList<>();
    for (ToolDefinition tool : skill.tools().values()) {
      Label label = new Label(skill, tool);
      untiedFlags(tool, label, out);
      allowLeadingDashWithoutEffect(tool, label, out);
      if (skill.settings().map(SkillSettings::argumentsVisibleOnHost).orElse(true)) {
        secretsOnCommandLine(tool, label, out);
      }
    }
    return out;
  }

  private static void untiedFlags(ToolDefinition tool, Label label, List<Problem> out) {
    List<ArgvElement> template = tool.template();
    for (int i = 1; i < template.size(); i++) {
      ArgvElement flag = template.get(i - 1);
      ArgvElement value = template.get(i);
      if (flag.group()
          || !ArgvTemplate.isLiteralFlag(flag.text())
          || !ArgvTemplate.couldBeFlagValue(value)) {
        continue;
      }
      for (String name : ArgvTemplate.placeholders(value.text())) {
        ParameterDefinition p = tool.parameters().get(name);
        if (p != null && !p.required() && p.defaultValue().isEmpty()) {
          String f = Echo.quoted(flag.text());
          String n = Echo.of(name);
          out.add(
              value
                  .location()
                  .problem(
                      label.text()
                          + ": args["
                          + i
                          + "] {{"
                          + n
                          + "}} follows the flag "
                          + f
                          + " but is optional"
                          + " without a default, so a call without "
                          + n
                          + " is refused (the flag is never"
                          + " left out); if "
                          + f
                          + " takes "
                          + n
                          + " as its value, write them as one group"
                          + " ["
                          + f
                          + ", \"{{"
                          + n
                          + "}}\"] or as \""
                          + Echo.of(flag.text())
                          + "={{"
                          + n
                          + "}}\";"
                          + " if it does not, give "
                          + n
                          + " a default, make it required, or write it as a"
                          + " group of its own [\"{{"
                          + n
                          + "}}\"]"));
          break;
        }
      }
    }
  }

  private static void allowLeadingDashWithoutEffect(
      ToolDefinition tool, Label label, List<Problem> out) {
    if (tool.parameters().values().stream().noneMatch(ParameterDefinition::allowLeadingDash)) {
      return;
    }
    Set<String> checked = ArgvTemplate.checkedPlaceholders(tool.template());
    for (ParameterDefinition p : tool.parameters().values()) {
      if (!p.allowLeadingDash()) {
        continue;
      }
      String why;
      if (p.type() == ParameterType.BOOLEAN
          || p.type() == ParameterType.ARRAY
          || p.type() == ParameterType.OBJECT) {
        why = "an argument made of " + article(p.type()) + " value never starts with \"-\"";
      } else if (!p.allowedValues().isEmpty()) {
        why = "its values are those of its enum, which the manifest wrote, and are never refused";
      } else if (!checked.contains(p.name())) {
        why =
            "args never puts it where a value is checked (at the start of an argument, before any \"--\","
                + " and not right after a flag in its own group)";
      } else {
        continue;
      }
      out.add(
          p.location()
              .problem(
                  label.text()
                      + ": parameter "
                      + Echo.quoted(p.name())
                      + " sets allow_leading_dash, which has no"
                      + " effect: "
                      + why
                      + "; remove it"));
    }
  }

  private static String article(ParameterType type) {
    return (type == ParameterType.ARRAY || type == ParameterType.OBJECT ? "an " : "a ")
        + type.jsonName();
  }

  private static void secretsOnCommandLine(ToolDefinition tool, Label label, List<Problem> out) {
    if (tool.parameters().values().stream().noneMatch(ParameterDefinition::secret)) {
      return;
    }
    Set<String> reported = new LinkedHashSet<>();
    for (ArgvElement element : tool.template()) {
      for (String part : element.parts()) {
        for (String name : ArgvTemplate.placeholders(part)) {
          ParameterDefinition p = tool.parameters().get(name);
          if (p != null && p.secret() && reported.add(name)) {
            out.add(
                element
                    .location()
                    .problem(
                        label.text()
                            + ": args put the secret parameter "
                            + Echo.quoted(name)
                            + " on the"
                            + " command line, which every local user can read (ps, /proc/PID/cmdline);"
                            + " send it on stdin instead (stdin = \"json\"), or keep the secret in the"
                            + " manifest as a secret env or config value, which reaches the skill as an"
                            + " environment variable"));
          }
        }
      }
    }
  }

  /** The tool a warning is about, written only for a warning. */
  private record Label(SkillDefinition skill, ToolDefinition tool) {
    String text() {
      return "skill " + Echo.quoted(skill.name()) + " tool " + Echo.quoted(tool.name());
    }
  }
}
