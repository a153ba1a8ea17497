package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.engine.internal.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the audit records when secrets turn up in other values: a caller's secret parameter may mask
 * only values the caller gave itself, never the manifest's defaults or the engine's own fields, and
 * every masking is recorded with its reason.
 */
class AuditRedactionTests {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case | the call's arguments | values the audit records | masked, and why
          a caller's secret masks no default of the manifest (the attack) \
            | {"path": "/etc/passwd", "token": "/etc/passwd"} \
            | {"path": "***", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"path": "holds the value of secret parameter token", "note": "holds the value of instance \\"main\\" config api-key"}
          a caller's secret equal to the skill \
            | {"path": "/srv/a", "token": "files"} \
            | {"path": "/srv/a", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"note": "holds the value of instance \\"main\\" config api-key"}
          a caller's secret equal to the tool \
            | {"path": "/srv/a", "token": "read"} \
            | {"path": "/srv/a", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"note": "holds the value of instance \\"main\\" config api-key"}
          a caller's secret equal to the instance \
            | {"path": "/srv/a", "token": "main"} \
            | {"path": "/srv/a", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"note": "holds the value of instance \\"main\\" config api-key"}
          a caller's secret equal to the runtime \
            | {"path": "/srv/a", "token": "test-process"} \
            | {"path": "/srv/a", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"note": "holds the value of instance \\"main\\" config api-key"}
          a caller's secret equal to the status \
            | {"path": "/srv/a", "token": "SUCCEEDED"} \
            | {"path": "/srv/a", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"note": "holds the value of instance \\"main\\" config api-key"}
          a caller's secret, upper-cased, in a value the caller gave \
            | {"path": "/srv/TOKEN-ABC", "token": "token-abc"} \
            | {"path": "/srv/***", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"path": "holds the value of secret parameter token", "note": "holds the value of instance \\"main\\" config api-key"}
          a manifest secret in a value the caller gave \
            | {"path": "/x/instance-secret-key-42"} \
            | {"path": "/x/***", "mode": "/etc/passwd", "note": "signed with ***"} \
            | {"path": "holds the value of instance \\"main\\" config api-key", "note": "holds the value of instance \\"main\\" config api-key"}
          """)
  void theAuditKeepsWhatTheManifestSaysAndExplainsEachMask(
      String label, String arguments, String values, String masked) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(SkillEngineTests.resource("audit.toml"))
            .environment(SkillEngineTests.env())
            .auditFile(file)
            .build()) {
      engine.execute("files", "read", JSON.readTree(arguments), ExecuteOptions.defaults());
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    assertThat(line).doesNotContain("instance-secret-key-42");
    JsonNode event = JSON.readTree(line);
    assertThat(event.get("skill").asText()).isEqualTo("files");
    assertThat(event.get("tool").asText()).isEqualTo("read");
    assertThat(event.get("instance").asText()).isEqualTo("main");
    assertThat(event.get("runtime").asText()).isEqualTo("test-process");
    assertThat(event.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(event.get("values")).isEqualTo(JSON.readTree(values));
    assertThat(event.path("masked")).isEqualTo(JSON.readTree(masked));
    // a secret parameter is named, never given a value
    assertThat(event.get("values").has("token")).isFalse();
    assertThat(AuditLog.fromJson(line).masked()).hasSize(JSON.readTree(masked).size());
  }
}
