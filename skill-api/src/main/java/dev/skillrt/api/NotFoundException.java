package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.internal.Echo;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Nothing has the requested name: no such skill, tool, instance or runtime. The message lists the
 * names that exist (and, for a runtime, which module to add).
 */
@API(status = STABLE, since = "0.1")
public class NotFoundException extends SkillException {

  private static final long serialVersionUID = 1L;

  private final Kind kind;
  private final String name;
  private final List<String> available;

  public NotFoundException(Kind kind, String name, List<String> available, String message) {
    super(message);
    this.kind = kind;
    this.name = name;
    this.available = List.copyOf(available);
  }

  /** A message of the usual form: {@code no skill "x"; skills: a, b}. */
  public static NotFoundException of(Kind kind, String name, List<String> available) {
    String label = kind.name().toLowerCase(java.util.Locale.ROOT);
    String known =
        available.isEmpty()
            ? "there are none"
            : String.join(", ", available.stream().map(Echo::of).toList());
    return new NotFoundException(
        kind,
        name,
        available,
        "no " + label + " " + Echo.quoted(name) + "; known " + label + "s: " + known);
  }

  /** What kind of thing was missing. */
  public Kind kind() {
    return kind;
  }

  /** The name that was asked for. */
  public String name() {
    return name;
  }

  /** The names that exist. */
  public List<String> available() {
    return available;
  }

  /** What kind of thing was looked up. */
  public enum Kind {
    SKILL,
    TOOL,
    INSTANCE,
    RUNTIME
  }
}
