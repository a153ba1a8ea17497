package dev.skillrt.manifest.internal;

import java.util.Map;

/**
 * Expands {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?message}} in one string;
 * {@code $${} is a literal {@code ${}. A default may itself hold variables. {@code ~} and a lone
 * {@code $} are not special.
 */
public final class VariableExpander {

  private final Map<String, String> environment;

  public VariableExpander(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** Thrown when a value cannot be expanded; the message names the variable. */
  public static final class ExpansionException extends Exception {
    private static final long serialVersionUID = 1L;

    ExpansionException(String message) {
      super(message);
    }
  }

  public String expand(String text) throws ExpansionException {
    return expand(text, 0);
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
        out.append(resolve(text.substring(i + 2, end), depth));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
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
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ExpansionException(
          "\"${" + shorten(body) + "}\" is not a variable reference; names are letters, digits"
              + " and _ (e.g. ${HOME}, ${PORT:-8080}); write \"$${\" for a literal \"${\"");
    }
    String value = environment.get(name);
    if (colon < 0) {
      if (value == null) {
        throw new ExpansionException(
            "environment variable " + name + " is not set; set it, or write ${" + name
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
            "environment variable " + name + " is not set: " + shorten(message));
      }
      return value;
    }
    throw new ExpansionException(
        "\"${" + shorten(body) + "}\": after \"" + name + ":\" expected \"-\" (default) or \"?\""
            + " (required with a message)");
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
