package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/** A request was denied by policy; carries every violated rule. */
@API(status = STABLE, since = "0.1")
public class PolicyViolationException extends SkillException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public PolicyViolationException(List<Violation> violations) {
    super(render(violations));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String render(List<Violation> violations) {
    StringBuilder sb = new StringBuilder("denied by policy:");
    for (Violation v : violations) {
      sb.append("\n  ").append(v);
    }
    return sb.toString();
  }
}
