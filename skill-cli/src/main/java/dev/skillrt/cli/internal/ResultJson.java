package dev.skillrt.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Violation;
import dev.skillrt.cli.ExitCodes;
import java.util.Locale;

/** The one JSON object {@code skill run --json} prints. */
final class ResultJson {

  private ResultJson() {}

  static ObjectNode of(String skill, String tool, String runtime, ExecutionResult r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("skill", skill);
    o.put("tool", tool);
    o.put("runtime", runtime);
    o.put("status", r.status().name().toLowerCase(Locale.ROOT));
    if (r.exitCode().isPresent()) {
      o.put("exitCode", r.exitCode().getAsInt());
    } else {
      o.putNull("exitCode");
    }
    o.put("commandExitCode", ExitCodes.of(r));
    o.put("stdout", r.stdout().text());
    o.put("stderr", r.stderr().text());
    o.put("stdoutTruncated", r.stdout().truncated());
    o.put("stderrTruncated", r.stderr().truncated());
    o.put("durationMillis", r.duration().toMillis());
    o.put("message", r.message());
    ArrayNode violations = o.putArray("violations");
    for (Violation v : r.violations()) {
      ObjectNode vo = violations.addObject();
      vo.put("rule", v.ruleId());
      vo.put("severity", v.severity().name().toLowerCase(Locale.ROOT));
      vo.put("message", v.message());
    }
    ObjectNode metadata = o.putObject("metadata");
    r.metadata().forEach(metadata::put);
    return o;
  }
}
