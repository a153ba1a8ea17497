package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * How one execution ended. A skill's own failure (non-zero exit, trap, timeout, limit) is a result,
 * never an exception.
 *
 * @param status how it ended
 * @param exitCode the skill's exit code when it exited by itself (or was killed by a signal, as
 *     {@code 128 + signal}); empty when it never ran or was stopped by the runtime
 * @param stdout captured standard output
 * @param stderr captured standard error
 * @param duration wall-clock time of the call, policy checks included
 * @param message a short explanation for statuses other than SUCCEEDED (a trap, which limit, the
 *     denial); empty otherwise
 * @param violations every policy violation when {@link ExecutionStatus#DENIED}; empty otherwise
 * @param metadata small facts from the runtime, e.g. {@code sandbox=bwrap}, {@code limit=memory},
 *     {@code container=3f2a...}
 */
@API(status = STABLE, since = "0.1")
public record ExecutionResult(
    ExecutionStatus status,
    OptionalInt exitCode,
    CapturedOutput stdout,
    CapturedOutput stderr,
    Duration duration,
    String message,
    List<Violation> violations,
    Map<String, String> metadata) {

  public ExecutionResult {
    violations = List.copyOf(violations);
    metadata = Map.copyOf(metadata);
  }

  /** A denial that lists every violation; nothing ran. */
  public static ExecutionResult denied(List<Violation> violations, Duration duration) {
    StringBuilder message = new StringBuilder("denied by policy:");
    for (Violation v : violations) {
      message.append("\n  ").append(v);
    }
    return new ExecutionResult(
        ExecutionStatus.DENIED,
        OptionalInt.empty(),
        CapturedOutput.empty(),
        CapturedOutput.empty(),
        duration,
        message.toString(),
        violations,
        Map.of());
  }

  public static Builder builder(ExecutionStatus status) {
    return new Builder(status);
  }

  public boolean succeeded() {
    return status == ExecutionStatus.SUCCEEDED;
  }

  /**
   * Returns this result, or throws {@link PolicyViolationException} when it is a denial: for
   * callers that prefer an exception.
   */
  public ExecutionResult throwIfDenied() {
    if (status == ExecutionStatus.DENIED) {
      throw new PolicyViolationException(violations);
    }
    return this;
  }

  /** Builds an {@link ExecutionResult}. Not thread-safe. */
  public static final class Builder {
    private final ExecutionStatus status;
    private OptionalInt exitCode = OptionalInt.empty();
    private CapturedOutput stdout = CapturedOutput.empty();
    private CapturedOutput stderr = CapturedOutput.empty();
    private Duration duration = Duration.ZERO;
    private String message = "";
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder(ExecutionStatus status) {
      this.status = status;
    }

    public Builder exitCode(int exitCode) {
      this.exitCode = OptionalInt.of(exitCode);
      return this;
    }

    public Builder stdout(CapturedOutput stdout) {
      this.stdout = stdout;
      return this;
    }

    public Builder stderr(CapturedOutput stderr) {
      this.stderr = stderr;
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder metadata(String key, String value) {
      this.metadata.put(key, value);
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata.putAll(metadata);
      return this;
    }

    public ExecutionResult build() {
      return new ExecutionResult(
          status, exitCode, stdout, stderr, duration, message, List.of(), metadata);
    }
  }
}
