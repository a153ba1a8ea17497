package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Configuration is wrong: a manifest, a runtime's settings, or arguments that do not fit a tool.
 * Carries every problem found, each located, so a user can fix them all at once.
 */
@API(status = STABLE, since = "0.1")
public class ConfigurationException extends SkillException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ConfigurationException(String message) {
    this(List.of(Problem.of(message)));
  }

  public ConfigurationException(List<Problem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a configuration exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder sb = new StringBuilder(problems.size() + " configuration problems:");
    for (Problem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }
}
