package dev.skillrt.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embeddable server in this JVM, over pipes, with the real engine and native runtime. */
class SkillMcpServerTests {

  private static final Path MANIFEST = Path.of("src/test/resources/embedded.toml").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void maxConcurrentRequestsHoldsAcrossConcurrentCalls() throws Exception {
    try (EmbeddedServer s = new EmbeddedServer(MANIFEST, ToolSelection.SKILLS)) {
      for (int i = 0; i < 4; i++) {
        s.call(i, "one__hold", "{\"dir\":\"" + dir + "\"}");
      }
      for (int i = 0; i < 4; i++) {
        JsonNode r = s.result(i);
        assertThat(r.path("content").get(0).path("text").asText())
            .as(r.toString())
            .isEqualTo("held\n");
      }
    }
  }

  @Test
  void aSkillWithInstancesGetsAnOptionalInstanceEnumAndTheCallUsesIt() throws Exception {
    try (EmbeddedServer s = new EmbeddedServer(MANIFEST, ToolSelection.SKILLS)) {
      McpSchema.Tool hold = s.server.tools().get(0);
      @SuppressWarnings("unchecked")
      Map<String, Object> props =
          Objects.requireNonNull((Map<String, Object>) hold.inputSchema().get("properties"));
      assertThat(String.valueOf(props.get("instance"))).contains("enum=[default, other]");
      assertThat(hold.inputSchema().get("required")).isEqualTo(List.of("dir"));
      s.call(1, "one__hold", "{\"dir\":\"" + dir + "\",\"instance\":\"other\"}");
      assertThat(s.result(1).path("structuredContent").path("instance").asText())
          .isEqualTo("other");
      s.call(2, "one__hold", "{\"dir\":\"" + dir + "\",\"instance\":\"nope\"}");
      JsonNode bad = s.result(2);
      assertThat(bad.path("isError").asBoolean()).isTrue();
      assertThat(bad.path("content").get(0).path("text").asText())
          .contains("nope")
          .contains("default, other");
    }
  }

  @Test
  void theMetaToolsListTheSkillsAndExecuteOne() throws Exception {
    try (EmbeddedServer s = new EmbeddedServer(MANIFEST, ToolSelection.META)) {
      assertThat(s.server.tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("list_skills", "execute");
      s.call(1, "list_skills", "{}");
      JsonNode listed =
          EmbeddedServer.JSON.readTree(s.result(1).path("content").get(0).path("text").asText());
      assertThat(listed.path("skills").get(0).path("name").asText()).isEqualTo("one");
      assertThat(
              listed
                  .path("skills")
                  .get(0)
                  .path("tools")
                  .get(0)
                  .path("parameters")
                  .path("required")
                  .get(0)
                  .asText())
          .isEqualTo("dir");
      s.call(
          2,
          "execute",
          "{\"skill\":\"one\",\"tool\":\"hold\",\"instance\":\"other\",\"args\":{\"dir\":\""
              + dir
              + "\"}}");
      JsonNode r = s.result(2);
      assertThat(r.path("content").get(0).path("text").asText())
          .as(r.toString())
          .isEqualTo("held\n");
      s.call(3, "execute", "{\"skill\":\"one\"}");
      assertThat(s.result(3).path("content").get(0).path("text").asText())
          .contains("parameter \"tool\"");
      s.call(4, "execute", "{\"skill\":\"nope\",\"tool\":\"x\"}");
      assertThat(s.result(4).path("content").get(0).path("text").asText())
          .contains("nope")
          .contains("one");
    }
  }

  @Test
  void bothSetsServeTogetherAndReplacingTheEngineSwapsTheTools() throws Exception {
    try (EmbeddedServer s = new EmbeddedServer(MANIFEST, ToolSelection.BOTH)) {
      assertThat(s.server.tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("one__hold", "list_skills", "execute");
      Path edited = dir.resolve("edited.toml");
      Files.writeString(edited, Files.readString(MANIFEST).replace("tools.hold", "tools.grip"));
      s.server.replaceEngine(dev.skillrt.engine.SkillEngine.builder().manifest(edited).build());
      assertThat(s.server.tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("one__grip", "list_skills", "execute");
      JsonNode changed =
          s.await(m -> "notifications/tools/list_changed".equals(m.path("method").asText()));
      assertThat(changed).isNotNull();
      s.call(1, "one__grip", "{\"dir\":\"" + dir + "\"}");
      assertThat(s.result(1).path("content").get(0).path("text").asText()).isEqualTo("held\n");
    }
  }

  @Test
  void aCallAfterCloseIsRefusedAndCloseIsIdempotent() throws Exception {
    EmbeddedServer s = new EmbeddedServer(MANIFEST, ToolSelection.SKILLS);
    s.close();
    s.server.close();
    assertThat(s.server.callsInFlight()).isZero();
  }

  static List<String> names(List<McpSchema.Tool> tools) {
    List<String> n = new ArrayList<>();
    tools.forEach(t -> n.add(t.name()));
    return n;
  }
}
