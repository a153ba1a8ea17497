package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a tool's argv template. Each template element becomes at most one argument: a {@code
 * {{name}}} placeholder is replaced by the value's text and never re-split or interpreted, so
 * spaces, quotes, {@code ;}, {@code $(...)}, backticks and newlines stay inside that one argument.
 * An element whose placeholder has no value (an optional parameter not given) is left out, and
 * with it the literal flag right before it ({@code "--output", "{{out}}"} drops both), so that a
 * missing value never shifts the next argument into the flag's place.
 */
public final class ArgvTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");

  private ArgvTemplate() {}

  public static List<String> render(List<String> template, ObjectNode arguments) {
    List<String> argv = new ArrayList<>(template.size());
    boolean lastWasLiteralFlag = false;
    for (String element : template) {
      Matcher m = PLACEHOLDER.matcher(element);
      StringBuilder out = new StringBuilder();
      boolean missing = false;
      while (m.find()) {
        JsonNode value = arguments.get(m.group(1));
        if (value == null || value.isNull()) {
          missing = true;
          break;
        }
        m.appendReplacement(out, Matcher.quoteReplacement(text(value)));
      }
      if (missing) {
        if (lastWasLiteralFlag) {
          argv.remove(argv.size() - 1);
        }
        lastWasLiteralFlag = false;
        continue;
      }
      m.appendTail(out);
      argv.add(out.toString());
      lastWasLiteralFlag = isLiteralFlag(element);
    }
    return argv;
  }

  /** {@code --output} or {@code -o}: a flag that takes the next element as its value. */
  private static boolean isLiteralFlag(String element) {
    return element.startsWith("-")
        && element.length() > 1
        && !element.contains("=")
        && !PLACEHOLDER.matcher(element).find();
  }

  /** A value as one argument: strings as they are, other values as JSON text. */
  public static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
