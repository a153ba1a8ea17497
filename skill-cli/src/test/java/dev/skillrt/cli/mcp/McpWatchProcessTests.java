package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skill serve --watch}: an edit that validates swaps the tools and the client is told
 * ({@code notifications/tools/list_changed}); an edit that does not keeps the old tools serving and
 * says what is wrong, where, on stderr. Runs after {@code package}.
 */
class McpWatchProcessTests {

  @TempDir Path dir;

  private static final String SKILL =
      """
      version = "1"

      [skills.shell]
      source = "./shell"
      runtime = "native"

      [skills.shell.native]
      command = "sh"
      sandbox = "none"

      [skills.shell.tools.hello]
      args = ["-c", "echo hello"]
      """;

  @Test
  void anEditThatValidatesSwapsTheToolsAndOneThatDoesNotKeepsThem() throws Exception {
    Path manifest = dir.resolve("skill-engine.toml");
    Files.writeString(manifest, SKILL);
    List<String> command =
        ServeProcess.command("--manifest", manifest.toString(), "serve", "--watch");
    StdioClientTransport transport =
        new StdioClientTransport(
            ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .build(),
            new JacksonMcpJsonMapper(new ObjectMapper()));
    StringBuffer stderr = new StringBuffer();
    transport.setStdErrorHandler(line -> stderr.append(line).append('\n'));
    LinkedBlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .toolsChangeConsumer(changes::add)
            .build();
    try {
      client.initialize();
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("shell__hello");

      Files.writeString(
          manifest,
          SKILL
              + """

          [skills.shell.tools.bye]
          description = "Say goodbye"
          args = ["-c", "echo bye"]
          """);
      List<McpSchema.Tool> changed = changes.poll(30, TimeUnit.SECONDS);
      assertThat(changed).as("list_changed arrived; stderr:\n" + stderr).isNotNull();
      awaitTools(client, List.of("shell__hello", "shell__bye"));
      McpSchema.CallToolResult bye =
          client.callTool(new McpSchema.CallToolRequest("shell__bye", Map.of()));
      assertThat(((McpSchema.TextContent) bye.content().get(0)).text()).isEqualTo("bye\n");

      Files.writeString(
          manifest, SKILL.replace("command = \"sh\"", "command = \"sh\"\nbogus_key = 1"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      // the located problems are printed after the heading line, and read from stderr apart
      while (!stderr.toString().contains("bogus_key") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(stderr.toString())
          .contains("the manifest changed but does not validate")
          .contains(manifest + ":")
          .contains("bogus_key");
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .as("the previous tools still serve")
          .containsExactly("shell__hello", "shell__bye");
      assertThat(client.callTool(new McpSchema.CallToolRequest("shell__hello", Map.of())).isError())
          .isFalse();
    } finally {
      client.closeGracefully();
    }
  }

  private static void awaitTools(McpSyncClient client, List<String> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> names = List.of();
    while (System.nanoTime() < deadline) {
      names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      if (names.containsAll(expected) && names.size() == expected.size()) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(names).containsExactlyElementsOf(expected);
  }
}
