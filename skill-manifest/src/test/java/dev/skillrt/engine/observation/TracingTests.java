package dev.skillrt.engine.observation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call as an OpenTelemetry user sees it through Micrometer Tracing's bridge: a span named {@code
 * execute_tool SKILL__TOOL} with the GenAI attributes, a child of the caller's span, and its ids in
 * the audit log.
 */
class TracingTests {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  InMemorySpanExporter spans;
  SdkTracerProvider tracerProvider;
  ObservationRegistry registry;

  @BeforeEach
  void tracing() {
    spans = InMemorySpanExporter.create();
    tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    OtelTracer tracer =
        new OtelTracer(
            tracerProvider.get("agent-platform"), new OtelCurrentTraceContext(), event -> {});
    registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
  }

  @AfterEach
  void close() {
    tracerProvider.close();
  }

  private SkillEngine engine(Path audit) throws Exception {
    return SkillEngine.builder()
        .manifest(ObservedManifest.write(dir))
        .environment(ObservedManifest.env())
        .observationRegistry(registry)
        .auditFile(audit)
        .build();
  }

  @Test
  void aCallIsASpanWithTheGenAiAttributesUnderTheCallersSpanAndTheAuditLineNamesIt()
      throws Exception {
    Path audit = dir.resolve("audit/calls.jsonl");
    try (SkillEngine engine = engine(audit)) {
      Observation turn = Observation.start("agent.turn", registry);
      try (Observation.Scope ignored = turn.openScope()) {
        ExecutionResult r =
            engine.execute(
                "echo",
                "say",
                Map.of("text", "hi"),
                ExecuteOptions.builder().toolCallId("toolu_01").build());
        assertThat(r.succeeded()).isTrue();
        assertThat(
                engine.execute("broken", "fail", Map.of(), ExecuteOptions.defaults()).succeeded())
            .isFalse();
      } finally {
        turn.stop();
      }
    }
    List<SpanData> finished = spans.getFinishedSpanItems();
    SpanData parent =
        finished.stream().filter(s -> s.getName().equals("agent.turn")).findFirst().orElseThrow();
    SpanData say =
        finished.stream()
            .filter(s -> s.getName().equals("execute_tool echo__say"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no span execute_tool echo__say in " + finished));
    assertThat(say.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(say.getParentSpanId()).isEqualTo(parent.getSpanId());
    assertThat(say.getTraceId()).isEqualTo(parent.getTraceId());
    assertThat(say.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
        .isEqualTo("execute_tool");
    assertThat(say.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
        .isEqualTo("echo__say");
    assertThat(say.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id")))
        .isEqualTo("toolu_01");
    assertThat(say.getAttributes().get(AttributeKey.stringKey("skillrt.runtime")))
        .isEqualTo("test-process");
    assertThat(say.getAttributes().get(AttributeKey.stringKey("skillrt.status")))
        .isEqualTo("succeeded");
    assertThat(say.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();

    SpanData fail =
        finished.stream()
            .filter(s -> s.getName().equals("execute_tool broken__fail"))
            .findFirst()
            .orElseThrow();
    assertThat(fail.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("failed");
    assertThat(fail.getStatus().getStatusCode())
        .isNotEqualTo(StatusCode.ERROR); // a skill's failure is a result

    List<JsonNode> lines = Files.readAllLines(audit).stream().map(TracingTests::json).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("traceId").asText()).isEqualTo(say.getTraceId());
    assertThat(lines.get(0).path("spanId").asText()).isEqualTo(say.getSpanId());
    assertThat(lines.get(1).path("spanId").asText()).isEqualTo(fail.getSpanId());
  }

  @Test
  void aRuntimeFaultIsASpanWithTheErrorStatus() throws Exception {
    try (SkillEngine engine = engine(dir.resolve("audit/calls.jsonl"))) {
      try {
        engine.execute("missing", "run", Map.of(), ExecuteOptions.defaults());
      } catch (RuntimeException expected) {
        // a runtime fault reaches the caller
      }
    }
    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getName()).isEqualTo("execute_tool missing__run");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.io.UncheckedIOException");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("skillrt.status")))
        .isEqualTo("error");
  }

  @Test
  void withoutTracingTheAuditLineHasNoIds() throws Exception {
    Path audit = dir.resolve("audit/plain.jsonl");
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(ObservedManifest.write(dir))
            .environment(ObservedManifest.env())
            .auditFile(audit)
            .build()) {
      engine.execute("echo", "say", Map.of("text", "hi"), ExecuteOptions.defaults());
    }
    JsonNode line = json(Files.readAllLines(audit).get(0));
    assertThat(line.has("traceId")).isFalse();
    assertThat(line.has("spanId")).isFalse();
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
