package dev.skillrt.mcp.internal;

import dev.skillrt.api.CapturedOutput;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Violation;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ExecutionResult} as an MCP tool result: {@code content} is the skill's stdout as text
 * (and its stderr as a second block when not empty); {@code structuredContent} has every field of
 * {@code skill run --json}; a status other than success is {@code isError} and leads with a
 * sentence a model can act on.
 */
public final class ToolResults {

  /** How much of the end of stderr an error message quotes. */
  static final int STDERR_TAIL = 400;

  private ToolResults() {}

  /**
   * @param timeout the timeout the call ran under, to name in a timeout's message
   */
  public static McpSchema.CallToolResult of(
      String skill,
      String tool,
      String instance,
      String runtime,
      ExecutionResult r,
      Optional<Duration> timeout) {
    String stdout = text(r.stdout());
    String stderr = text(r.stderr());
    List<McpSchema.Content> content = new ArrayList<>();
    boolean error = r.status() != ExecutionStatus.SUCCEEDED;
    if (error) {
      content.add(new McpSchema.TextContent(explain(skill + "/" + tool, r, stderr, timeout)));
    }
    if (!error || !stdout.isEmpty()) {
      content.add(new McpSchema.TextContent(stdout));
    }
    if (!stderr.isEmpty()) {
      content.add(new McpSchema.TextContent(stderr));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("skill", skill);
    s.put("tool", tool);
    s.put("instance", instance);
    s.put("runtime", runtime);
    s.put("status", r.status().name().toLowerCase(Locale.ROOT));
    s.put("exitCode", r.exitCode().isPresent() ? r.exitCode().getAsInt() : null);
    s.put("stdout", stdout);
    s.put("stderr", stderr);
    s.put("stdoutTruncated", r.stdout().truncated());
    s.put("stderrTruncated", r.stderr().truncated());
    s.put("durationMillis", r.duration().toMillis());
    s.put("message", r.message());
    List<Map<String, Object>> violations = new ArrayList<>();
    for (Violation v : r.violations()) {
      violations.add(
          Map.of(
              "rule", v.ruleId(),
              "severity", v.severity().name().toLowerCase(Locale.ROOT),
              "message", v.message()));
    }
    s.put("violations", violations);
    return McpSchema.CallToolResult.builder()
        .content(content)
        .structuredContent(s)
        .isError(error)
        .build();
  }

  /** A call that could not start (bad arguments, unknown instance, a busy server): no result. */
  public static McpSchema.CallToolResult refused(String message) {
    return McpSchema.CallToolResult.builder()
        .content(List.of(new McpSchema.TextContent(message)))
        .isError(true)
        .build();
  }

  static String explain(String what, ExecutionResult r, String stderr, Optional<Duration> timeout) {
    String message = r.message().isBlank() ? "" : " (" + r.message().strip() + ")";
    String text =
        switch (r.status()) {
          case SUCCEEDED -> what + " succeeded";
          case FAILED ->
              r.exitCode().isPresent()
                  ? what
                      + " exited with "
                      + r.exitCode().getAsInt()
                      + (r.message().strip().equals("exited with " + r.exitCode().getAsInt())
                          ? ""
                          : message)
                      + tail(stderr)
                  : what + " failed" + message + tail(stderr);
          case TIMED_OUT ->
              what
                  + " timed out after "
                  + seconds(timeout.orElse(r.duration()))
                  + message
                  + "; it was stopped. Retry with less work, or ask the operator to raise its timeout in the manifest.";
          case DENIED -> {
            StringBuilder b = new StringBuilder(what + " was denied by policy; nothing ran:");
            r.violations().stream()
                .map(v -> "\n  [" + v.ruleId() + "] " + v.message())
                .distinct()
                .forEach(b::append);
            yield b.toString();
          }
          case KILLED_BY_LIMIT ->
              what
                  + " was stopped at a limit"
                  + message
                  + (r.stdout().truncated() || r.stderr().truncated()
                      ? "; its output was cut at the output limit"
                      : "")
                  + ". Ask for less output or work.";
          case CANCELLED -> what + " was cancelled" + message;
        };
    return text;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 || ms >= 10_000
        ? Math.round(ms / 1000.0) + " s"
        : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String tail(String stderr) {
    String s = stderr.strip();
    if (s.isEmpty()) {
      return "";
    }
    return s.length() <= STDERR_TAIL
        ? "; the end of its stderr:\n" + s
        : "; the end of its stderr:\n..." + s.substring(s.length() - STDERR_TAIL);
  }

  static String text(CapturedOutput output) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(java.nio.ByteBuffer.wrap(output.bytes()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(output.bytes(), StandardCharsets.UTF_8);
    }
  }
}
