package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link SkillEngine#validate()} found: errors (the manifest cannot run as written) and
 * warnings (facts that may change by run time).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ValidationReport(List<Problem> errors, List<Problem> warnings) {

  public ValidationReport {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * @throws ConfigurationException listing every error
   */
  public ValidationReport throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new ConfigurationException(errors);
    }
    return this;
  }
}
