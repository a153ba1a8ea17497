package dev.skillrt.engine.internal.observation;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Violation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Observes calls on a Micrometer {@link ObservationRegistry}, named by the OpenTelemetry GenAI
 * conventions for tool execution (see docs/observability.md): one {@value #CALL} observation a
 * call, a {@value #SLOT_WAIT} observation for the wait for a {@code max_concurrent_requests} slot,
 * and a {@value #DENIAL} observation for each rule that denied a call. Thread-safe.
 */
public final class MicrometerCallObserver implements CallObserver {

  /** The observation of one call; with a meter handler, the timer of that name. */
  public static final String CALL = "skillrt.execute";

  /** The wait for a {@code max_concurrent_requests} slot. */
  public static final String SLOT_WAIT = "skillrt.slot.wait";

  /** One rule that denied a call; with a meter handler, its count is the denials by rule. */
  public static final String DENIAL = "skillrt.denial";

  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String OPERATION = "execute_tool";
  public static final String TOOL_NAME = "gen_ai.tool.name";
  public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
  public static final String RUNTIME = "skillrt.runtime";
  public static final String STATUS = "skillrt.status";
  public static final String ERROR_TYPE = "error.type";
  public static final String RULE = "skillrt.rule";
  public static final String SLOT_OUTCOME = "skillrt.slot.outcome";

  /** {@link #STATUS} of a call that ended with the runtime's or engine's own fault. */
  public static final String STATUS_ERROR = "error";

  private static final boolean TRACING =
      present("io.micrometer.tracing.handler.TracingObservationHandler$TracingContext");

  private final ObservationRegistry registry;

  public MicrometerCallObserver(ObservationRegistry registry) {
    this.registry = registry;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, MicrometerCallObserver.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public CallObservation start(
      String skill, String tool, String toolName, String runtime, Optional<String> toolCallId) {
    Observation call =
        Observation.createNotStarted(CALL, registry)
            .contextualName(OPERATION + " " + toolName)
            .lowCardinalityKeyValue(OPERATION_NAME, OPERATION)
            .lowCardinalityKeyValue(TOOL_NAME, toolName)
            .lowCardinalityKeyValue(RUNTIME, runtime);
    toolCallId.ifPresent(id -> call.highCardinalityKeyValue(TOOL_CALL_ID, id));
    call.start();
    return new Running(call, toolName, runtime);
  }

  private final class Running implements CallObservation {
    private final Observation call;
    private final Observation.Scope scope;
    private final String toolName;
    private final String runtime;
    private boolean outcomeKnown;

    Running(Observation call, String toolName, String runtime) {
      this.call = call;
      this.scope = call.openScope();
      this.toolName = toolName;
      this.runtime = runtime;
    }

    @Override
    public SlotWait slotWait() {
      Observation wait =
          Observation.createNotStarted(SLOT_WAIT, registry)
              .parentObservation(call)
              .contextualName("wait for a slot " + toolName)
              .lowCardinalityKeyValue(TOOL_NAME, toolName)
              .lowCardinalityKeyValue(RUNTIME, runtime)
              .start();
      return outcome -> {
        wait.lowCardinalityKeyValue(SLOT_OUTCOME, outcome);
        wait.stop();
      };
    }

    @Override
    public void ended(ExecutionResult result) {
      if (outcomeKnown) {
        return;
      }
      outcomeKnown = true;
      String status = result.status().name().toLowerCase(Locale.ROOT);
      call.lowCardinalityKeyValue(STATUS, status);
      if (result.status() != ExecutionStatus.SUCCEEDED) {
        call.lowCardinalityKeyValue(ERROR_TYPE, status);
      }
      if (result.status() == ExecutionStatus.DENIED) {
        for (Violation v : result.violations()) {
          if (v.severity() == Violation.Severity.ERROR) {
            Observation.createNotStarted(DENIAL, registry)
                .parentObservation(call)
                .contextualName("denied " + toolName + " by " + v.ruleId())
                .lowCardinalityKeyValue(TOOL_NAME, toolName)
                .lowCardinalityKeyValue(RUNTIME, runtime)
                .lowCardinalityKeyValue(RULE, v.ruleId())
                .start()
                .stop();
          }
        }
      }
    }

    @Override
    public void failed(RuntimeException fault) {
      if (outcomeKnown) {
        return;
      }
      outcomeKnown = true;
      call.lowCardinalityKeyValue(STATUS, STATUS_ERROR);
      call.lowCardinalityKeyValue(ERROR_TYPE, fault.getClass().getName());
      call.error(fault);
    }

    @Override
    public Map<String, String> traceIds() {
      return TRACING ? TraceIds.of(call) : Map.of();
    }

    @Override
    public void close() {
      scope.close();
      call.stop();
    }
  }
}
