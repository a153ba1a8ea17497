package dev.skillrt.cli.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.skillrt.api.CapturedOutput;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Violation;
import dev.skillrt.cli.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON object {@code skill run --json} prints, written as it goes: the captured output is
 * decoded and escaped straight into the stream, never built as one more string in memory.
 */
final class ResultJson {

  private ResultJson() {}

  static void write(
      OutputStream out, String skill, String tool, String runtime, ExecutionResult r) {
    try (JsonGenerator g =
        CliContext.JSON
            .getFactory()
            .createGenerator(out)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("skill", skill);
      g.writeStringField("tool", tool);
      g.writeStringField("runtime", runtime);
      g.writeStringField("status", r.status().name().toLowerCase(Locale.ROOT));
      if (r.exitCode().isPresent()) {
        g.writeNumberField("exitCode", r.exitCode().getAsInt());
      } else {
        g.writeNullField("exitCode");
      }
      g.writeNumberField("commandExitCode", ExitCodes.of(r));
      text(g, "stdout", r.stdout());
      text(g, "stderr", r.stderr());
      g.writeBooleanField("stdoutTruncated", r.stdout().truncated());
      g.writeBooleanField("stderrTruncated", r.stderr().truncated());
      g.writeNumberField("durationMillis", r.duration().toMillis());
      g.writeStringField("message", r.message());
      g.writeArrayFieldStart("violations");
      for (Violation v : r.violations()) {
        g.writeStartObject();
        g.writeStringField("rule", v.ruleId());
        g.writeStringField("severity", v.severity().name().toLowerCase(Locale.ROOT));
        g.writeStringField("message", v.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("metadata");
      for (Map.Entry<String, String> e : r.metadata().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JSON result: " + e.getMessage(), e);
    }
  }

  /** The bytes as UTF-8 text (malformed input replaced), streamed into the JSON string. */
  private static void text(JsonGenerator g, String field, CapturedOutput output)
      throws IOException {
    g.writeFieldName(field);
    g.writeString(
        new InputStreamReader(new ByteArrayInputStream(output.bytes()), StandardCharsets.UTF_8),
        -1);
  }
}
