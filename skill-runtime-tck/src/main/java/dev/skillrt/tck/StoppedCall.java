package dev.skillrt.tck;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.spi.SkillRuntime;
import org.apiguardian.api.API;

/**
 * A call the kit stopped (by a timeout, a cancellation or a close), handed to {@link
 * SkillRuntimeCompatibilityKit#assertNothingLeftRunning} to prove it left nothing behind.
 *
 * @param runtime the runtime that ran it (the shared one, or the closing group's own)
 * @param request what was run; its environment holds {@link #MARK_VARIABLE}, unique to the call,
 *     which every process it started inherits
 * @param result how it ended
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record StoppedCall(SkillRuntime runtime, ExecutionRequest request, ExecutionResult result) {

  /** The environment variable holding the call's unique mark. */
  public static final String MARK_VARIABLE = "SKILLRT_TCK_CALL";

  /** The call's unique mark (the value of {@link #MARK_VARIABLE} in its environment). */
  public String mark() {
    return request.environment().getOrDefault(MARK_VARIABLE, "");
  }
}
