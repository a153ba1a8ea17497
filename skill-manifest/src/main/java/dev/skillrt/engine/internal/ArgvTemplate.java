package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.manifest.ArgvElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a tool's argv template. A {@code {{name}}} placeholder is replaced by the value's text
 * and never re-split or interpreted, so spaces, quotes, {@code ;}, {@code $(...)}, backticks and
 * newlines stay inside one argument.
 *
 * <p>A value that is not given (an optional parameter without default) leaves out what the
 * manifest ties to it, and nothing else: the string element that holds its placeholder ({@code
 * "--since={{since}}"}, {@code "{{path}}"}), or the whole group that holds it ({@code ["--remote",
 * "{{remote}}"]}). A literal the author wrote outside that element or group always stays, so a
 * caller cannot remove a {@code --dry-run} by leaving an argument out. When the missing value's
 * element could be the value of a literal flag right before it ({@code "--output", "{{out}}"}),
 * leaving it out could make the next argument the flag's value, and dropping the flag too could
 * remove an author's token: the call is refused instead.
 */
public final class ArgvTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");

  private ArgvTemplate() {}

  /**
   * @param where the tool, for messages ({@code tool "git/push"})
   * @throws ConfigurationException when a missing value follows a literal flag it is not tied to
   */
  public static List<String> render(List<ArgvElement> template, ObjectNode arguments, String where) {
    List<String> argv = new ArrayList<>(template.size());
    String untiedFlag = null;
    for (ArgvElement element : template) {
      List<String> rendered = new ArrayList<>(element.parts().size());
      Optional<String> missing = Optional.empty();
      for (String part : element.parts()) {
        missing = missing.or(() -> missingParameter(part, arguments));
        if (missing.isEmpty()) {
          rendered.add(fill(part, arguments));
        }
      }
      if (missing.isPresent() && untiedFlag != null && couldBeFlagValue(element)) {
        throw new ConfigurationException(
            where + ": parameter \"" + Echo.of(missing.get()) + "\" must be given: the template puts"
                + " it right after the flag " + Echo.quoted(untiedFlag) + ", which is never left out,"
                + " and without the value the next argument could become the flag's; pass "
                + Echo.of(missing.get()) + " (or the manifest can tie them as one group: ["
                + Echo.quoted(untiedFlag) + ", \"{{" + Echo.of(missing.get()) + "}}\"])");
      }
      if (missing.isEmpty()) {
        argv.addAll(rendered);
      }
      untiedFlag = !element.group() && isLiteralFlag(element.text()) ? element.text() : null;
    }
    return argv;
  }

  /**
   * Whether an element right after a literal flag could be that flag's value: a plain element
   * that is not an option itself ({@code "{{out}}"}, {@code "x-{{n}}"}, but not {@code
   * "--remote={{remote}}"}, nor a group).
   */
  public static boolean couldBeFlagValue(ArgvElement element) {
    return !element.group() && !element.text().startsWith("-");
  }

  /** The first parameter the text names that has no value, if any. */
  private static Optional<String> missingParameter(String text, ObjectNode arguments) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      JsonNode value = arguments.get(m.group(1));
      if (value == null || value.isNull()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static String fill(String text, ObjectNode arguments) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(text(arguments.get(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The parameters a text names, in order. */
  public static List<String> placeholders(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
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
        && !PLACEHOLDER.matcher(element).find();
  }

  /** A value as one argument: strings as they are, other values as JSON text. */
  public static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
