package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception skillrt throws on purpose. Thrown for bad configuration and for a
 * runtime's own faults; a skill's failure is an {@link ExecutionResult}, not an exception.
 *
 * <p>Messages say what went wrong, what was found and what to do, and never contain a secret.
 */
@API(status = STABLE, since = "0.1")
public class SkillException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SkillException(String message) {
    super(message);
  }

  public SkillException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** The message given when this was thrown; never null, since every constructor takes one. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message != null ? message : getClass().getName();
  }
}
