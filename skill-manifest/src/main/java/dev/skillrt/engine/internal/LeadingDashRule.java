package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.ToolDefinition;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whose values may not begin an argument with {@code -}, and what a refused call is told.
 *
 * <p>A program reads an argument that starts with {@code -} as an option wherever it parses options
 * (GNU tools anywhere before {@code --}, since they reorder their arguments), so a caller's value
 * at the start of an argument could be an option the author never wrote: {@code --output=FILE} for
 * {@code sort}, {@code -e COMMAND} for {@code rsync}, {@code -5} for {@code head}. Values the
 * manifest wrote are the author's and never restricted: a default (also when the caller passes it
 * again) and the values of a parameter with an {@code enum}. A parameter with {@code
 * allow_leading_dash = true} is not restricted either. Which places in a template are checked is
 * {@link ArgvTemplate}'s part.
 */
final class LeadingDashRule {

  private LeadingDashRule() {}

  /**
   * @param supplied the parameters the caller gave a value
   * @param checked the call's checked arguments
   * @return the parameters whose value in this call may not begin an argument with {@code -}
   */
  static Set<String> restricted(ToolDefinition tool, Set<String> supplied, ObjectNode checked) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : supplied) {
      ParameterDefinition p = tool.parameters().get(name);
      JsonNode value = checked.get(name);
      if (p == null || value == null || p.allowLeadingDash() || !p.allowedValues().isEmpty()) {
        continue;
      }
      boolean authorsDefault =
          p.defaultValue()
              .map(d -> ArgvTemplate.text(d).equals(ArgvTemplate.text(value)))
              .orElse(false);
      if (!authorsDefault) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * The refusal of a call whose value would begin an argument with {@code -}. Never repeats the
   * value, which may be secret.
   *
   * @param where the tool, for messages ({@code tool "git/push"})
   * @param position the template element, such as {@code args[2]} or {@code args[2][0]}
   * @param flagBefore the literal flag right before a plain element, which the author may have
   *     meant to take the value, or null
   */
  static String refusal(
      String where, String parameter, String position, @Nullable String flagBefore) {
    String name = Echo.of(parameter);
    String tie =
        flagBefore == null
            ? ""
            : "tie it to the flag before it as one group ["
                + Echo.quoted(flagBefore)
                + ", \"{{"
                + name
                + "}}\"], ";
    return where
        + ": the value of parameter "
        + Echo.quoted(parameter)
        + " makes "
        + position
        + " start"
        + " with \"-\", so the program could read it as an option rather than as a value; pass a value"
        + " that does not start with \"-\" (a file ./-name rather than -name), or the manifest can "
        + tie
        + "put \"--\" (the end of options) before it in args, write it as \"--option={{"
        + name
        + "}}\","
        + " or set allow_leading_dash = true on parameter "
        + Echo.quoted(parameter)
        + " when the program"
        + " takes such values there (negative numbers)";
  }
}
