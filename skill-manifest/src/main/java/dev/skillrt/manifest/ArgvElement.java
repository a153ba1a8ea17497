package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Location;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One element of a tool's argv template ({@code args}): a string, which becomes one argument, or a
 * group written as a nested array ({@code ["--remote", "{{remote}}"]}), whose arguments are kept or
 * left out together.
 *
 * @param parts the strings as written (one, unless a group), with {@code {{param}}} placeholders
 * @param group whether it was written as a nested array
 * @param location where it is written
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ArgvElement(List<String> parts, boolean group, Location location) {

  public ArgvElement {
    parts = List.copyOf(parts);
    if (!group && parts.size() != 1) {
      throw new IllegalArgumentException(
          "an element that is not a group is one string, found " + parts.size());
    }
  }

  /** A plain element: one string. */
  public static ArgvElement of(String part, Location location) {
    return new ArgvElement(List.of(part), false, location);
  }

  /** A group of strings, kept or left out together. */
  public static ArgvElement group(List<String> parts, Location location) {
    return new ArgvElement(parts, true, location);
  }

  /** The one string of a plain element. */
  public String text() {
    if (group) {
      throw new IllegalStateException("a group has several strings: " + parts);
    }
    return parts.get(0);
  }
}
