package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code skill serve} over stdio, driven by the official MCP Java SDK client ({@code McpClient}
 * over {@code StdioClientTransport}) that starts the runnable jar as a separate process. Runs after
 * {@code package}.
 */
class McpServeProcessTests {

  private static final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
  private static RecordingClientTransport transport;
  private static McpSyncClient client;

  @BeforeAll
  static void start() {
    client = client(ServeProcess.manifest("mcp.toml"));
  }

  static McpSyncClient client(Path manifest, String... more) {
    List<String> command =
        new ArrayList<>(ServeProcess.command("--manifest", manifest.toString(), "serve"));
    command.addAll(List.of(more));
    ServerParameters params =
        ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).build();
    transport =
        new RecordingClientTransport(
            new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper())));
    McpSyncClient c =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .clientInfo(new McpSchema.Implementation("java-sdk-test", "1"))
            .progressConsumer(progress::add)
            .build();
    c.initialize();
    return c;
  }

  /** The transport of the client {@link #client} made last. */
  static RecordingClientTransport lastTransport() {
    return transport;
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.closeGracefully();
    }
  }

  private static McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
    return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
  }

  private static String text(McpSchema.CallToolResult r, int i) {
    return ((McpSchema.TextContent) r.content().get(i)).text();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> structured(McpSchema.CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  @Test
  void listsOneToolPerSkillToolWithTheEngineSchemaAndTheResultSchema() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .contains(
            "shell__echo",
            "shell__fail",
            "shell__ticks",
            "shell__nap",
            "chatty__talk",
            "sleepy__forever",
            "escape__shell",
            "login__login");
    McpSchema.Tool echo =
        tools.stream().filter(t -> t.name().equals("shell__echo")).findFirst().orElseThrow();
    assertThat(echo.description()).contains("Print the message").contains("sh -c scripts");
    assertThat(echo.inputSchema())
        .containsEntry("type", "object")
        .containsEntry("required", List.of("message"))
        .containsEntry("additionalProperties", false);
    assertThat(echo.inputSchema().get("properties"))
        .isEqualTo(Map.of("message", Map.of("type", "string")));
    assertThat(echo.outputSchema()).containsKey("properties");
    assertThat(echo.annotations().openWorldHint()).as("no network granted").isFalse();
    McpSchema.Tool login =
        tools.stream().filter(t -> t.name().equals("login__login")).findFirst().orElseThrow();
    assertThat(login.inputSchema().toString()).contains("writeOnly");
  }

  @Test
  void aSuccessfulCallReturnsStdoutAndTheStructuredResult() {
    McpSchema.CallToolResult r = call("shell__echo", Map.of("message", "hello MCP"));
    assertThat(r.isError()).isFalse();
    assertThat(r.content()).hasSize(1);
    assertThat(text(r, 0)).isEqualTo("hello MCP\n");
    assertThat(structured(r))
        .containsEntry("status", "succeeded")
        .containsEntry("exitCode", 0)
        .containsEntry("stdout", "hello MCP\n")
        .containsEntry("stderr", "")
        .containsEntry("skill", "shell")
        .containsEntry("tool", "echo")
        .containsEntry("runtime", "native")
        .containsEntry("stdoutTruncated", false);
  }

  @Test
  void aFailingCallIsAnErrorNamingTheExitCodeAndTheEndOfStderr() {
    McpSchema.CallToolResult r = call("shell__fail", Map.of());
    assertThat(r.isError()).isTrue();
    assertThat(text(r, 0)).contains("shell/fail exited with 3").contains("disk is full");
    assertThat(text(r, 1)).isEqualTo("partial\n");
    assertThat(text(r, 2)).isEqualTo("disk is full\n");
    assertThat(structured(r)).containsEntry("status", "failed").containsEntry("exitCode", 3);
  }

  @Test
  void aDenialIsAnErrorWithTheRuleAndItsMessage() {
    McpSchema.CallToolResult r = call("escape__shell", Map.of());
    assertThat(r.isError()).isTrue();
    assertThat(text(r, 0))
        .contains("denied by policy")
        .contains("[native.allow-list]")
        .contains("allowed_commands");
    assertThat(structured(r)).containsEntry("status", "denied");
    assertThat(structured(r).get("violations").toString()).contains("native.allow-list");
  }

  @Test
  void aTimeoutIsAnErrorSayingAfterHowLong() {
    McpSchema.CallToolResult r = call("sleepy__forever", Map.of());
    assertThat(r.isError()).isTrue();
    assertThat(text(r, 0)).contains("sleepy/forever timed out after 2 s");
    assertThat(structured(r)).containsEntry("status", "timed_out");
  }

  @Test
  void argumentsThatDoNotFitAreAnErrorResultNamingTheParameter() {
    McpSchema.CallToolResult wrongType = call("shell__echo", Map.of("message", 42));
    assertThat(wrongType.isError()).isTrue();
    assertThat(text(wrongType, 0)).contains("\"message\"").contains("string");
    McpSchema.CallToolResult missing = call("shell__echo", Map.of());
    assertThat(missing.isError()).isTrue();
    assertThat(text(missing, 0)).contains("message");
    McpSchema.CallToolResult unknown = call("shell__echo", Map.of("message", "x", "bogus", 1));
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown, 0)).contains("bogus");
    // an unknown tool is the protocol's error, and the server goes on
    assertThatThrownBy(() -> call("no__such_tool", Map.of())).isInstanceOf(McpError.class);
    assertThat(call("shell__echo", Map.of("message", "still here")).isError()).isFalse();
  }

  @Test
  void outputIsReportedAsProgressWhenTheCallAsksForIt() {
    progress.clear();
    McpSchema.CallToolResult r =
        client.callTool(
            McpSchema.CallToolRequest.builder("shell__ticks")
                .arguments(Map.of("count", 6))
                .progressToken("ticks-token")
                .build());
    assertThat(r.isError()).isFalse();
    assertThat(text(r, 0)).startsWith("tick 1\n").endsWith("tick 6\n");
    List<McpSchema.ProgressNotification> mine =
        progress.stream().filter(p -> "ticks-token".equals(p.progressToken())).toList();
    assertThat(mine)
        .as("several progress notifications, each naming a line")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(mine).allSatisfy(p -> assertThat(p.message()).matches("tick \\d"));
    assertThat(mine).extracting(McpSchema.ProgressNotification::progress).isSorted();
  }

  @Test
  void aCancelledCallStopsItsProcessAndEndsAsCancelled() throws Exception {
    String marker = "61.4" + System.nanoTime() % 100000;
    int before = transport.toolCallIds.size();
    CompletableFuture<McpSchema.CallToolResult> running =
        CompletableFuture.supplyAsync(() -> call("shell__nap", Map.of("seconds", marker)));
    ServeProcess.awaitProcessWith("sleep " + marker, Duration.ofSeconds(30));
    Object id = transport.toolCallIds.stream().skip(before).reduce((a, b) -> b).orElseThrow();
    transport.cancel(id, "the user changed their mind");
    ServeProcess.awaitNoProcessWith("sleep " + marker, Duration.ofSeconds(5));
    McpSchema.CallToolResult r = running.get(30, TimeUnit.SECONDS);
    assertThat(r.isError()).isTrue();
    assertThat(structured(r)).containsEntry("status", "cancelled");
  }

  @Test
  void cancellingUnknownRequestsChangesNothing() {
    for (int i = 0; i < 2000; i++) {
      transport.cancel("nobody-" + i, "hostile");
    }
    assertThat(call("shell__echo", Map.of("message", "unmoved")).isError()).isFalse();
  }

  @Test
  void sixteenCallsRunAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      long start = System.nanoTime();
      List<CompletableFuture<McpSchema.CallToolResult>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(
            CompletableFuture.supplyAsync(() -> call("shell__nap", Map.of("seconds", "2")), pool));
      }
      for (CompletableFuture<McpSchema.CallToolResult> c : calls) {
        McpSchema.CallToolResult r = c.get(60, TimeUnit.SECONDS);
        assertThat(r.isError()).as(r.toString()).isFalse();
      }
      // one after another they would take 32 s
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    } finally {
      pool.shutdownNow();
    }
  }
}
