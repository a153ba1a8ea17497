package dev.skillrt.mcp.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code outputSchema} of every skill tool: the shape of {@code structuredContent}, the same
 * fields as {@code skill run --json} prints.
 */
final class ResultSchema {

  private static final Map<String, Object> SCHEMA = build();

  private ResultSchema() {}

  static Map<String, Object> get() {
    return SCHEMA;
  }

  private static Map<String, Object> build() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("skill", type("string", "The skill"));
    p.put("tool", type("string", "The tool"));
    p.put(
        "instance",
        type("string", "The instance named by the call, or empty for the skill's default"));
    p.put("runtime", type("string", "The runtime that ran it"));
    p.put(
        "status",
        Map.of(
            "type", "string",
            "enum",
                List.of(
                    "succeeded", "failed", "timed_out", "denied", "killed_by_limit", "cancelled"),
            "description", "How the call ended"));
    p.put(
        "exitCode",
        Map.of(
            "type",
            List.of("integer", "null"),
            "description",
            "The exit code, when there was one"));
    p.put(
        "stdout", type("string", "The skill's standard output (UTF-8, malformed bytes replaced)"));
    p.put("stderr", type("string", "The skill's standard error"));
    p.put("stdoutTruncated", type("boolean", "Whether stdout was cut at the output limit"));
    p.put("stderrTruncated", type("boolean", "Whether stderr was cut at the output limit"));
    p.put("durationMillis", type("integer", "How long it ran"));
    p.put("message", type("string", "What the runtime says about how it ended"));
    p.put(
        "violations",
        Map.of(
            "type", "array",
            "description", "The policy rules that denied the call",
            "items",
                Map.of(
                    "type",
                    "object",
                    "properties",
                    Map.of(
                        "rule", type("string", "The rule id"),
                        "severity", type("string", "error or warning"),
                        "message", type("string", "What the rule found and what to do")))));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", p);
    schema.put(
        "required",
        List.of(
            "skill",
            "tool",
            "status",
            "exitCode",
            "stdout",
            "stderr",
            "stdoutTruncated",
            "stderrTruncated",
            "durationMillis",
            "violations"));
    return Map.copyOf(schema);
  }

  private static Map<String, Object> type(String type, String description) {
    return Map.of("type", type, "description", description);
  }
}
