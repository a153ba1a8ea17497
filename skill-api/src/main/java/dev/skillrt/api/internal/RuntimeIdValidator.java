package dev.skillrt.api.internal;

import dev.skillrt.api.ConfigurationException;
import java.util.regex.Pattern;

/** Checks runtime ids: lower-case letters, digits and dashes, starting with a letter. */
public final class RuntimeIdValidator {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

  private RuntimeIdValidator() {}

  public static boolean isValid(String id) {
    return ID.matcher(id).matches() && id.length() <= 64;
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
