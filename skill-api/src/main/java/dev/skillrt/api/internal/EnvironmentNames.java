package dev.skillrt.api.internal;

/**
 * What may name an environment variable: {@code [A-Za-z_][A-Za-z0-9_]*}, checked without a regular
 * expression, since every manifest value and every call checks its names.
 */
public final class EnvironmentNames {

  private EnvironmentNames() {}

  /** Whether {@code name} is letters, digits and underscores, not starting with a digit. */
  public static boolean isValid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (k == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
