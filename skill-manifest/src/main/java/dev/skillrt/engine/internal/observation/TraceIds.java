package dev.skillrt.engine.internal.observation;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Map;

/**
 * The trace and span ids Micrometer Tracing gave an observation. Loaded only when Micrometer
 * Tracing is on the class path.
 */
final class TraceIds {

  private TraceIds() {}

  /** {@code traceId} and {@code spanId} of the observation's span; empty when it has none. */
  static Map<String, String> of(Observation observation) {
    TracingObservationHandler.TracingContext tracing =
        observation.getContext().get(TracingObservationHandler.TracingContext.class);
    Span span = tracing == null ? null : tracing.getSpan();
    if (span == null || span.isNoop()) {
      return Map.of();
    }
    TraceContext context = span.context();
    return Map.of("traceId", context.traceId(), "spanId", context.spanId());
  }
}
