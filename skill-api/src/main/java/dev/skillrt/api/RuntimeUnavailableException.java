package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A runtime cannot serve: its engine is unreachable, a tool it needs is missing. Lists each way it
 * tried and why each failed.
 */
@API(status = STABLE, since = "0.1")
public class RuntimeUnavailableException extends SkillException {

  private static final long serialVersionUID = 1L;

  private final String runtimeId;
  private final List<String> reasons;

  public RuntimeUnavailableException(String runtimeId, List<String> reasons) {
    this(runtimeId, reasons, null);
  }

  public RuntimeUnavailableException(
      String runtimeId, List<String> reasons, @Nullable Throwable cause) {
    super(render(runtimeId, reasons), cause);
    this.runtimeId = runtimeId;
    this.reasons = List.copyOf(reasons);
  }

  public String runtimeId() {
    return runtimeId;
  }

  public List<String> reasons() {
    return reasons;
  }

  private static String render(String runtimeId, List<String> reasons) {
    StringBuilder sb = new StringBuilder("runtime '" + runtimeId + "' is not available");
    if (reasons.size() == 1) {
      sb.append(": ").append(reasons.get(0));
    } else {
      for (String r : reasons) {
        sb.append("\n  - ").append(r);
      }
    }
    return sb.toString();
  }
}
