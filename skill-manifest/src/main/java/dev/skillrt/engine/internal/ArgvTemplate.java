package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.manifest.ArgvElement;
import dev.skillrt.manifest.internal.Placeholder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Renders a tool's argv template. A {@code {{name}}} placeholder is replaced by the value's text
 * and never re-split or interpreted, so spaces, quotes, {@code ;}, {@code $(...)}, backticks and
 * newlines stay inside one argument.
 *
 * <p>A value that is not given (an optional parameter without default) leaves out what the manifest
 * ties to it, and nothing else: the string element that holds its placeholder ({@code
 * "--since={{since}}"}, {@code "{{path}}"}), or the whole group that holds it ({@code ["--remote",
 * "{{remote}}"]}). A literal the author wrote outside that element or group always stays, so a
 * caller cannot remove a {@code --dry-run} by leaving an argument out. When the missing value's
 * element could be the value of a literal flag right before it ({@code "--output", "{{out}}"}),
 * leaving it out could make the next argument the flag's value, and dropping the flag too could
 * remove an author's token: the call is refused instead.
 *
 * <p>A restricted value (see {@link LeadingDashRule}) may not make an argument start with {@code
 * -}, unless the argument comes after a literal {@code "--"} or right after a literal flag in the
 * same group ({@code ["--output", "{{out}}"]}: the author tied them, so the flag takes it). A plain
 * element after a plain flag ({@code "-n", "{{n}}"}) is checked: the flag may take no value ({@code
 * "-r", "{{file}}"}), and nothing in the template says which.
 */
public final class ArgvTemplate {

  private ArgvTemplate() {}

  /**
   * @param restricted the parameters whose values may not make an argument start with {@code -}
   * @param where the tool, for messages ({@code tool "git/push"})
   * @throws ConfigurationException listing every refusal: a missing value after a literal flag it
   *     is not tied to, a restricted value that would start an argument with {@code -}
   */
  public static List<String> render(
      List<ArgvElement> template, ObjectNode arguments, Set<String> restricted, String where) {
    return render(template, arguments, restricted, () -> where);
  }

  /** {@link #render(List, ObjectNode, Set, String)}, writing the tool's name only for a refusal. */
  public static List<String> render(
      List<ArgvElement> template,
      ObjectNode arguments,
      Set<String> restricted,
      Supplier<String> where) {
    List<String> argv = new ArrayList<>(template.size());
    List<Problem> problems = new ArrayList<>();
    Set<String> refused = new HashSet<>();
    boolean endOfOptions = false;
    String untiedFlag = null;
    for (int i = 0; i < template.size(); i++) {
      ArgvElement element = template.get(i);
      List<String> parts = element.parts();
      Optional<String> missing = Optional.empty();
      for (int j = 0; j < parts.size() && missing.isEmpty(); j++) {
        missing = missingParameter(parts.get(j), arguments);
      }
      if (missing.isPresent()) {
        if (untiedFlag != null && couldBeFlagValue(element)) {
          problems.add(Problem.of(untiedFlagRefusal(where.get(), missing.get(), untiedFlag)));
        }
      } else {
        for (int j = 0; j < parts.size(); j++) {
          String text = fill(parts.get(j), arguments);
          boolean tied = element.group() && j > 0 && isLiteralFlag(parts.get(j - 1));
          if (text.startsWith("-") && !endOfOptions && !tied) {
            String position = element.group() ? "args[" + i + "][" + j + "]" : "args[" + i + "]";
            String flagBefore = element.group() ? null : untiedFlag;
            restrictedLeader(parts.get(j), arguments, restricted)
                .filter(refused::add)
                .ifPresent(
                    name ->
                        problems.add(
                            Problem.of(
                                LeadingDashRule.refusal(where.get(), name, position, flagBefore))));
          }
          argv.add(text);
          endOfOptions |= parts.get(j).equals("--");
        }
      }
      untiedFlag = !element.group() && isLiteralFlag(element.text()) ? element.text() : null;
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return argv;
  }

  private static String untiedFlagRefusal(String where, String parameter, String flag) {
    return where
        + ": parameter \""
        + Echo.of(parameter)
        + "\" must be given: the template puts"
        + " it right after the flag "
        + Echo.quoted(flag)
        + ", which is never left out,"
        + " and without the value the next argument could become the flag's; pass "
        + Echo.of(parameter)
        + " (or the manifest can tie them as one group: ["
        + Echo.quoted(flag)
        + ", \"{{"
        + Echo.of(parameter)
        + "}}\"])";
  }

  /**
   * The parameters a caller's value could make start an argument at a place {@link #render} checks:
   * leading an element or a group's string, not after a literal {@code "--"} that is always there
   * (a plain element, or earlier in the same group), and not right after a literal flag in the same
   * group.
   */
  static Set<String> checkedPlaceholders(List<ArgvElement> template) {
    Set<String> out = new LinkedHashSet<>();
    boolean endOfOptions = false;
    for (ArgvElement element : template) {
      List<String> parts = element.parts();
      boolean endOfOptionsInGroup = false;
      for (int j = 0; j < parts.size(); j++) {
        boolean tied = element.group() && j > 0 && isLiteralFlag(parts.get(j - 1));
        if (!endOfOptions && !endOfOptionsInGroup && !tied) {
          out.addAll(leadingPlaceholders(parts.get(j), null));
        }
        if (parts.get(j).equals("--")) {
          endOfOptions |= !element.group();
          endOfOptionsInGroup = true;
        }
      }
    }
    return out;
  }

  /**
   * The restricted parameter to blame when a string renders with a leading {@code -}: the last of
   * its leading placeholders, whose value gave the {@code -} unless it is empty too, else one whose
   * empty value left an author's {@code -} at the start.
   */
  private static Optional<String> restrictedLeader(
      String text, ObjectNode arguments, Set<String> restricted) {
    List<String> leading = leadingPlaceholders(text, arguments);
    for (int k = leading.size() - 1; k >= 0; k--) {
      if (restricted.contains(leading.get(k))) {
        return Optional.of(leading.get(k));
      }
    }
    return Optional.empty();
  }

  /**
   * The placeholders at the very start of a template string, up to the first whose value is not
   * empty (with arguments) or all of them (without): those that can supply its first character, or
   * leave a literal {@code -} after them first ({@code "{{name}}-x"} with an empty name).
   */
  private static List<String> leadingPlaceholders(String text, @Nullable ObjectNode arguments) {
    if (!text.startsWith("{{")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Placeholder p = Placeholder.at(text, 0); p != null; p = Placeholder.at(text, p.end())) {
      out.add(p.name());
      if (arguments != null && !text(arguments.get(p.name())).isEmpty()) {
        break;
      }
    }
    return out;
  }

  /**
   * Whether an element right after a literal flag could be that flag's value: a plain element that
   * is not an option itself ({@code "{{out}}"}, {@code "x-{{n}}"}, but not {@code
   * "--remote={{remote}}"}, nor a group).
   */
  public static boolean couldBeFlagValue(ArgvElement element) {
    return !element.group() && !element.text().startsWith("-");
  }

  /** The first parameter the text names that has no value, if any. */
  private static Optional<String> missingParameter(String text, ObjectNode arguments) {
    if (!mayHoldPlaceholder(text)) {
      return Optional.empty();
    }
    for (Placeholder p = Placeholder.find(text, 0);
        p != null;
        p = Placeholder.find(text, p.end())) {
      JsonNode value = arguments.get(p.name());
      if (value == null || value.isNull()) {
        return Optional.of(p.name());
      }
    }
    return Optional.empty();
  }

  private static String fill(String text, ObjectNode arguments) {
    if (!mayHoldPlaceholder(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int done = 0;
    for (Placeholder p = Placeholder.find(text, 0);
        p != null;
        p = Placeholder.find(text, p.end())) {
      out.append(text, done, p.start()).append(text(arguments.get(p.name())));
      done = p.end();
    }
    return out.append(text, done, text.length()).toString();
  }

  /** The parameters a text names, in order. */
  public static List<String> placeholders(String text) {
    if (!mayHoldPlaceholder(text)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Placeholder p = Placeholder.find(text, 0);
        p != null;
        p = Placeholder.find(text, p.end())) {
      out.add(p.name());
    }
    return out;
  }

  /**
   * {@code --output} or {@code -o}: a literal that may take the next argument as its value. Not
   * {@code --}, which ends the options, nor a flag that carries its value ({@code --level=3}).
   */
  public static boolean isLiteralFlag(String element) {
    return element.startsWith("-")
        && element.length() > 1
        && !element.equals("--")
        && !element.contains("=")
        && !(mayHoldPlaceholder(element) && Placeholder.find(element, 0) != null);
  }

  /** False when a text cannot hold a placeholder, which spares the pattern most literals. */
  private static boolean mayHoldPlaceholder(String text) {
    return text.contains("{{");
  }

  /** A value as one argument: strings as they are, other values as JSON text. */
  public static String text(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isInt() || value.isLong() || value.isBoolean()) {
      return value.asText(); // the same text as JSON, without a trip through the serializer
    }
    return value.toString();
  }
}
