package dev.skillrt.manifest.internal;

import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.EnvironmentNames;
import dev.skillrt.manifest.ManifestMaxima;
import java.util.Map;

/**
 * Expands {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?message}} in one string;
 * {@code $${} is a literal {@code ${}. A default may itself hold variables. {@code ~} and a lone
 * {@code $} are not special.
 *
 * <p>One expander serves one manifest and caps what expansion produces: each value, and all values
 * together (so a short manifest that repeats a large variable cannot exhaust memory). Not
 * thread-safe.
 */
public final class VariableExpander {

  private final Map<String, String> environment;
  private final int valueCap;
  private final long totalCap;
  private long produced;

  /** An expander with the caps of {@link ManifestMaxima}. */
  public VariableExpander(Map<String, String> environment) {
    this(environment, ManifestMaxima.EXPANDED_VALUE_CHARS, ManifestMaxima.EXPANDED_MANIFEST_CHARS);
  }

  VariableExpander(Map<String, String> environment, int valueCap, long totalCap) {
    this.environment = Map.copyOf(environment);
    this.valueCap = valueCap;
    this.totalCap = totalCap;
  }

  /** Thrown when a value cannot be expanded; the message names the variable. */
  public static final class ExpansionException extends Exception {
    private static final long serialVersionUID = 1L;

    ExpansionException(String message) {
      super(message);
    }
  }

  public String expand(String text) throws ExpansionException {
    if (produced >= totalCap) {
      throw totalCapReached();
    }
    String out = expand(text, 0);
    produced += out.length();
    return out;
  }

  private String expand(String text, int depth) throws ExpansionException {
    if (depth > 16) {
      throw new ExpansionException("variable defaults are nested too deeply");
    }
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && text.startsWith("${", i)) {
        int end = matchingBrace(text, i + 2);
        if (end < 0) {
          throw new ExpansionException(
              "\"${\" is not closed by \"}\"; write \"$${\" for a literal \"${\"");
        }
        String value = resolve(text.substring(i + 2, end), depth);
        if (out.length() + value.length() + (text.length() - end - 1) > valueCap) {
          throw new ExpansionException(
              "the value would be longer than "
                  + valueCap
                  + " characters once its variables are"
                  + " expanded (at "
                  + Echo.of(text.substring(i, end + 1))
                  + "); a manifest value"
                  + " may be at most that long, so use shorter variables or fewer of them");
        }
        if (produced + out.length() + value.length() > totalCap) {
          throw totalCapReached();
        }
        out.append(value);
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private ExpansionException totalCapReached() {
    return new ExpansionException(
        "variable expansion would make this manifest's values longer than "
            + totalCap
            + " characters in all; the manifest repeats large variables too often, so refer to"
            + " them less or make them shorter");
  }

  private static int matchingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' && i > 0 && text.charAt(i - 1) == '$') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private String resolve(String body, int depth) throws ExpansionException {
    int colon = body.indexOf(':');
    String name = colon < 0 ? body : body.substring(0, colon);
    if (!EnvironmentNames.isValid(name)) {
      throw new ExpansionException(
          Echo.quoted("${" + body + "}")
              + " is not a variable reference; names are letters, digits"
              + " and _ (e.g. ${HOME}, ${PORT:-8080}); write \"$${\" for a literal \"${\"");
    }
    String value = environment.get(name);
    if (colon < 0) {
      if (value == null) {
        throw new ExpansionException(
            "environment variable "
                + Echo.of(name)
                + " is not set; set it, or write ${"
                + Echo.of(name)
                + ":-default} to give a default");
      }
      return value;
    }
    String rest = body.substring(colon + 1);
    if (rest.startsWith("-")) {
      return value == null || value.isEmpty() ? expand(rest.substring(1), depth + 1) : value;
    }
    if (rest.startsWith("?")) {
      if (value == null || value.isEmpty()) {
        String message = rest.substring(1).isBlank() ? "it is required" : rest.substring(1);
        throw new ExpansionException(
            "environment variable " + Echo.of(name) + " is not set: " + Echo.of(message));
      }
      return value;
    }
    throw new ExpansionException(
        Echo.quoted("${" + body + "}")
            + ": after \""
            + Echo.of(name)
            + ":\" expected \"-\" (default) or \"?\""
            + " (required with a message)");
  }
}
