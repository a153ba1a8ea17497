package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.PolicyRule;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A backend that runs skills: native processes, containers, WebAssembly modules, or your own.
 *
 * <p>Created by its {@link SkillRuntimeProvider}, used by the engine (or directly by a caller) for
 * many executions, then closed once. <b>Thread-safe</b>: one runtime serves many concurrent {@link
 * #execute} calls. Most implementations extend {@link AbstractSkillRuntime}, which does the policy
 * check, the closed check and the timing for them.
 *
 * <p>The contract every implementation keeps is written as tests in {@code skill-runtime-tck}.
 */
@API(status = STABLE, since = "0.1")
public interface SkillRuntime extends AutoCloseable {

  /** The runtime id, the same as its provider's, e.g. {@code native}. */
  String id();

  /** What this runtime can enforce; a request needing more is denied. */
  RuntimeCapabilities capabilities();

  /** The rules this runtime checks on every request besides the request's own. */
  default List<PolicyRule> policyRules() {
    return List.of();
  }

  /**
   * Runs one request and waits for it to end, within the request's timeout plus a short grace.
   *
   * <p>Before anything runs, the request is checked against {@link #capabilities()}, this runtime's
   * {@link #policyRules()} and the request's {@link ExecutionRequest#policyRules()}; any error
   * yields {@link dev.skillrt.api.ExecutionStatus#DENIED} listing every violation. A skill's own
   * failure, a timeout, a cancellation or a limit is a result. When the call returns, everything it
   * started has been stopped and removed.
   *
   * @return how it ended; never {@code null}
   * @throws dev.skillrt.api.SkillException for a fault of the runtime itself (e.g. the Docker
   *     engine went away) or a request it cannot understand
   * @throws IllegalStateException after {@link #close()}
   */
  ExecutionResult execute(ExecutionRequest request);

  /**
   * Stops executions in flight and releases resources. Idempotent; later {@link #execute} calls
   * fail with {@link IllegalStateException}.
   */
  @Override
  void close();
}
