package dev.skillrt.api.internal;

import dev.skillrt.api.ConfigurationException;

/** Checks runtime ids: lower-case letters, digits and dashes, starting with a letter. */
public final class RuntimeIdValidator {

  private RuntimeIdValidator() {}

  public static boolean isValid(String id) {
    if (id.isEmpty() || id.length() > 64 || id.charAt(0) < 'a' || id.charAt(0) > 'z') {
      return false;
    }
    for (int k = 1; k < id.length(); k++) {
      char c = id.charAt(k);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * @throws ConfigurationException naming the provider class and the id
   */
  public static String validate(String id, Class<?> providerClass) {
    if (id == null || !isValid(id)) {
      throw new ConfigurationException(
          "runtime provider "
              + providerClass.getName()
              + " has an invalid id \""
              + id
              + "\": ids match [a-z][a-z0-9-]* (at most 64 characters)");
    }
    return id;
  }
}
