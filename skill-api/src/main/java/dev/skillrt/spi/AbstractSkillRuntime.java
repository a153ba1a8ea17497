package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.CapturedOutput;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.StreamKind;
import dev.skillrt.api.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * The shared half of every runtime: refuses calls after close, checks capabilities and policy (the
 * runtime's rules and the request's), short-cuts a request cancelled before it starts, masks the
 * request's secret values in the output (streamed and captured, unless the request {@linkplain
 * ExecutionRequest#masksSecretsInOutput() opts out}) and redacts them from messages and violations,
 * and stamps the duration. Subclasses implement {@link #run(ExecutionRequest)} for requests that
 * passed, and {@link #shutdown()} for close.
 */
@API(status = STABLE, since = "0.1")
public abstract class AbstractSkillRuntime implements SkillRuntime {

  private final String id;
  private final AtomicBoolean closed = new AtomicBoolean();

  protected AbstractSkillRuntime(String id) {
    this.id = id;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ExecutionResult execute(ExecutionRequest request) {
    ensureOpen();
    long start = System.nanoTime();
    List<Violation> errors = PolicyRules.errors(check(request, PolicyPhase.EXECUTE));
    if (!errors.isEmpty()) {
      return ExecutionResult.denied(redacted(errors, request), elapsedSince(start));
    }
    if (request.cancellation().isCancelled()) {
      return ExecutionResult.builder(ExecutionStatus.CANCELLED)
          .message("cancelled before it started")
          .duration(elapsedSince(start))
          .build();
    }
    boolean maskOutput = request.masksSecretsInOutput() && !request.redactor().isEmpty();
    MaskingOutputListener masking = null;
    ExecutionRequest toRun = request;
    if (maskOutput && request.hasOutputListener()) {
      masking = new MaskingOutputListener(request.redactor(), request.outputListener());
      toRun = request.toBuilder().outputListener(masking).build();
    }
    ExecutionResult r;
    try {
      r = run(toRun);
    } catch (RuntimeException e) {
      // a runtime's fault may quote the request too: no secret leaves in it either
      throw RedactedFault.of(e, request);
    }
    if (masking != null) {
      masking.finish(StreamKind.STDOUT, r.stdout().truncated());
      masking.finish(StreamKind.STDERR, r.stderr().truncated());
    }
    Duration total = elapsedSince(start);
    // a runtime's message may quote the request; secrets never leave in it
    return new ExecutionResult(
        r.status(),
        r.exitCode(),
        maskOutput ? masked(r.stdout(), request) : r.stdout(),
        maskOutput ? masked(r.stderr(), request) : r.stderr(),
        total.compareTo(r.duration()) > 0 ? total : r.duration(),
        request.redact(r.message()),
        redacted(r.violations(), request),
        r.metadata());
  }

  private static CapturedOutput masked(CapturedOutput output, ExecutionRequest request) {
    return new CapturedOutput(
        request.redactor().redactOutput(output.bytes(), output.truncated()), output.truncated());
  }

  private static List<Violation> redacted(List<Violation> violations, ExecutionRequest request) {
    if (request.secretValues().isEmpty()) {
      return violations;
    }
    return violations.stream()
        .map(
            v ->
                new Violation(
                    v.ruleId(),
                    request.redact(v.message()),
                    request.redact(v.offendingValue()),
                    v.severity()))
        .toList();
  }

  /**
   * Every violation the request meets: capabilities, this runtime's rules, the request's rules.
   * Public so that callers can validate without running.
   */
  public List<Violation> check(ExecutionRequest request, PolicyPhase phase) {
    List<Violation> all = new ArrayList<>(capabilities().check(request));
    all.addAll(PolicyRules.evaluate(policyRules(), request, phase));
    all.addAll(PolicyRules.evaluate(request.policyRules(), request, phase));
    return all;
  }

  /**
   * Runs a request that passed every check. Returns the result; throws only for the runtime's own
   * faults. Must stop everything it started before returning.
   */
  protected abstract ExecutionResult run(ExecutionRequest request);

  @Override
  public final void close() {
    if (closed.compareAndSet(false, true)) {
      shutdown();
    }
  }

  /** Releases resources; called once, by the first {@link #close()}. */
  protected void shutdown() {}

  protected final boolean isClosed() {
    return closed.get();
  }

  /**
   * @throws IllegalStateException when closed
   */
  protected final void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the " + id + " runtime is closed; create a new one");
    }
  }

  protected static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
