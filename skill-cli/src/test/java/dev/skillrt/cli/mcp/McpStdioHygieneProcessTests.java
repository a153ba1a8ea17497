package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skill serve} over stdio at the byte level, as a hostile or careless world would use it:
 * nothing but protocol messages on stdout whatever the skills print, malformed and oversized input
 * answered without ending the session, a flood of calls, and a clean exit (0, no process left) on
 * end of input and on SIGTERM. Runs after {@code package}.
 */
class McpStdioHygieneProcessTests {

  @TempDir Path dir;

  @Test
  void stdoutCarriesOnlyProtocolMessagesWhateverTheSkillsAndTheEnginePrint() throws Exception {
    try (ServeProcess serve =
        ServeProcess.start("--manifest", ServeProcess.manifest("mcp.toml").toString(), "serve")) {
      serve.initialize();
      serve.call(1, "chatty__talk", "{}");
      JsonNode r = serve.response(1);
      assertThat(r.path("result").path("structuredContent").path("stdout").asText())
          .as("the skill's output travels inside the result")
          .startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n");
      serve.call(2, "shell__echo", "{\"message\":\"after the flood\"}");
      assertThat(serve.response(2).path("result").path("content").get(0).path("text").asText())
          .isEqualTo("after the flood\n");
      serve.closeInput();
      assertThat(serve.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(serve.stdoutLines)
          .as("every stdout line is one JSON-RPC message")
          .allSatisfy(
              line -> {
                JsonNode m = ServeProcess.JSON.readTree(line);
                assertThat(m.path("jsonrpc").asText()).isEqualTo("2.0");
              });
      assertThat(serve.stdoutLines).hasSize(3);
      assertThat(serve.stderr.toString())
          .as("the manifest's warning went to stderr")
          .contains("warning: skill \"login\" tool \"login\": args put the secret parameter");
      assertThat(serve.stderr.toString()).doesNotContain("warning 1\n");
    }
  }

  @Test
  void malformedAndOversizedMessagesAreAnsweredAndTheSessionGoesOn() throws Exception {
    try (ServeProcess serve =
        ServeProcess.start("--manifest", ServeProcess.manifest("mcp.toml").toString(), "serve")) {
      serve.initialize();
      serve.send("{not json at all");
      JsonNode parseError =
          serve.await(m -> m.path("error").path("code").asInt() == -32700, Duration.ofSeconds(30));
      assertThat(parseError.get("id").isNull()).isTrue();
      byte[] huge = new byte[5 << 20];
      Arrays.fill(huge, (byte) 'a');
      byte[] line =
          ("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"shell__echo\","
                  + "\"arguments\":{\"message\":\""
                  + new String(huge, StandardCharsets.US_ASCII)
                  + "\"}}}\n")
              .getBytes(StandardCharsets.US_ASCII);
      serve.send(line);
      JsonNode tooLong =
          serve.await(m -> m.path("error").path("code").asInt() == -32600, Duration.ofSeconds(30));
      assertThat(tooLong.path("error").path("message").asText()).contains("longer than");
      serve.send("[1,2,3]");
      serve.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"no/such/method\"}");
      assertThat(serve.response(8).path("error").path("code").asInt()).isEqualTo(-32601);
      serve.call(9, "shell__echo", "{\"message\":\"fine\"}");
      assertThat(serve.response(9).path("result").path("isError").asBoolean()).isFalse();
    }
  }

  @Test
  void aThousandCallsAtOnceAllGetAnAnswer() throws Exception {
    try (ServeProcess serve =
        ServeProcess.start("--manifest", ServeProcess.manifest("mcp.toml").toString(), "serve")) {
      serve.initialize();
      StringBuilder burst = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        burst
            .append("{\"jsonrpc\":\"2.0\",\"id\":")
            .append(1000 + i)
            .append(
                ",\"method\":\"tools/call\",\"params\":{\"name\":\"shell__echo\",\"arguments\":{\"message\":\"m")
            .append(i)
            .append("\"}}}\n");
      }
      serve.send(burst.toString().getBytes(StandardCharsets.UTF_8));
      int ok = 0;
      int refused = 0;
      for (int i = 0; i < 1000; i++) {
        JsonNode r =
            serve.await(m -> m.has("id") && m.get("id").asInt() >= 1000, Duration.ofSeconds(120));
        if (r.path("result").path("isError").asBoolean()) {
          assertThat(r.path("result").path("content").get(0).path("text").asText())
              .contains("retry when some have finished");
          refused++;
        } else {
          assertThat(r.path("result").path("content").get(0).path("text").asText())
              .isEqualTo("m" + (r.get("id").asInt() - 1000) + "\n");
          ok++;
        }
      }
      assertThat(ok + refused).isEqualTo(1000);
      assertThat(ok).isPositive();
      serve.call(1, "shell__echo", "{\"message\":\"after\"}");
      assertThat(serve.response(1).path("result").path("isError").asBoolean()).isFalse();
    }
  }

  @Test
  void endOfInputCancelsTheCallsInFlightAndExitsZero() throws Exception {
    String marker = "62.7" + System.nanoTime() % 100000;
    try (ServeProcess serve =
        ServeProcess.start("--manifest", ServeProcess.manifest("mcp.toml").toString(), "serve")) {
      serve.initialize();
      serve.call(1, "shell__nap", "{\"seconds\":\"" + marker + "\"}");
      ServeProcess.awaitProcessWith("sleep " + marker, Duration.ofSeconds(30));
      serve.closeInput();
      assertThat(serve.awaitExit(Duration.ofSeconds(20))).isZero();
      ServeProcess.awaitNoProcessWith("sleep " + marker, Duration.ofSeconds(5));
    }
  }

  @Test
  void sigtermCancelsTheCallsInFlightAndExitsZero() throws Exception {
    String marker = "63.9" + System.nanoTime() % 100000;
    try (ServeProcess serve =
        ServeProcess.start("--manifest", ServeProcess.manifest("mcp.toml").toString(), "serve")) {
      serve.initialize();
      serve.call(1, "shell__nap", "{\"seconds\":\"" + marker + "\"}");
      ServeProcess.awaitProcessWith("sleep " + marker, Duration.ofSeconds(30));
      serve.process.destroy(); // SIGTERM
      assertThat(serve.awaitExit(Duration.ofSeconds(20))).isZero();
      ServeProcess.awaitNoProcessWith("sleep " + marker, Duration.ofSeconds(5));
    }
  }

  @Test
  void theAuditFileGetsOneLinePerCallWithTheRequestIdAndTheClient() throws Exception {
    Path audit = dir.resolve("audit").resolve("calls.jsonl");
    try (ServeProcess serve =
        ServeProcess.start(
            "--manifest",
            ServeProcess.manifest("mcp.toml").toString(),
            "serve",
            "--audit",
            audit.toString())) {
      serve.initialize();
      serve.call("req-41", "shell__echo", "{\"message\":\"audited\"}");
      serve.response("req-41");
      serve.call(42, "shell__fail", "{}");
      serve.response(42);
      serve.closeInput();
      assertThat(serve.awaitExit(Duration.ofSeconds(30))).isZero();
    }
    List<String> lines = Files.readAllLines(audit);
    assertThat(lines).hasSize(2);
    JsonNode first = ServeProcess.JSON.readTree(lines.get(0));
    assertThat(first.path("skill").asText()).isEqualTo("shell");
    assertThat(first.path("tool").asText()).isEqualTo("echo");
    assertThat(first.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(first.path("context").path("mcpRequestId").asText()).isEqualTo("req-41");
    assertThat(first.path("context").path("mcpClient").asText()).isEqualTo("raw-test");
    JsonNode second = ServeProcess.JSON.readTree(lines.get(1));
    assertThat(second.path("context").path("mcpRequestId").asText()).isEqualTo("42");
    assertThat(second.path("exitCode").asInt()).isEqualTo(3);
    assertThat(Files.getPosixFilePermissions(audit))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void runWritesTheAuditFileToo() throws Exception {
    Path audit = dir.resolve("run-audit").resolve("calls.jsonl");
    ProcessBuilder pb =
        new ProcessBuilder(
            ServeProcess.command(
                "--manifest",
                ServeProcess.manifest("mcp.toml").toString(),
                "run",
                "shell",
                "echo",
                "--arg",
                "message=hi",
                "--audit",
                audit.toString()));
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("hi\n");
    assertThat(p.waitFor()).isZero();
    JsonNode line = ServeProcess.JSON.readTree(Files.readAllLines(audit).get(0));
    assertThat(line.path("values").path("message").asText()).isEqualTo("hi");
    assertThat(line.has("context")).isFalse();
  }
}
