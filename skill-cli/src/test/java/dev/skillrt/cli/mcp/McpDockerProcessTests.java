package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Docker skill through {@code skill serve} and the SDK's client, on the real engine at {@code
 * DOCKER_HOST}: a call runs in a container, and a cancelled call leaves no container behind.
 * Without an engine it skips; under {@code CI=true} that is a failure. Runs after {@code package}.
 */
class McpDockerProcessTests {

  private static void requireDocker() {
    String host = System.getenv("DOCKER_HOST");
    boolean engine =
        host != null && host.startsWith("unix://") && Files.exists(Path.of(host.substring(7)));
    if (!engine) {
      assertThat(System.getenv("CI"))
          .as("CI=true needs a Docker engine at DOCKER_HOST (" + host + ")")
          .isNotEqualToIgnoringCase("true");
      System.err.println(
          "\n*** SKIPPED: McpDockerProcessTests: DOCKER_HOST names no engine socket ("
              + host
              + ") ***\n");
    }
    assumeTrue(engine, "no Docker engine");
  }

  private static List<String> containersRunning(String marker)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("docker", "ps", "-a", "--no-trunc", "--format", "{{.Command}}").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out.lines().filter(l -> l.contains(marker)).toList();
  }

  @Test
  void aDockerSkillRunsAndACancelledOneLeavesNoContainer() throws Exception {
    requireDocker();
    McpSyncClient client = McpServeProcessTests.client(ServeProcess.manifest("mcp-docker.toml"));
    RecordingClientTransport transport = McpServeProcessTests.lastTransport();
    try {
      McpSchema.CallToolResult id =
          client.callTool(new McpSchema.CallToolRequest("box__whoami", Map.of()));
      assertThat(id.isError()).as(id.toString()).isFalse();
      assertThat(((McpSchema.TextContent) id.content().get(0)).text()).startsWith("uid=65534");

      String marker = "71." + System.nanoTime() % 100000;
      CompletableFuture<McpSchema.CallToolResult> nap =
          CompletableFuture.supplyAsync(
              () ->
                  client.callTool(
                      new McpSchema.CallToolRequest("box__nap", Map.of("seconds", marker))));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (containersRunning(marker).isEmpty()) {
        assertThat(System.nanoTime()).as("the container started").isLessThan(deadline);
        Thread.sleep(100);
      }
      transport.cancel(transport.toolCallIds.get(transport.toolCallIds.size() - 1), "stop");
      McpSchema.CallToolResult r = nap.get(30, TimeUnit.SECONDS);
      assertThat(r.isError()).isTrue();
      assertThat(r.structuredContent().toString()).contains("status=cancelled");
      deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!containersRunning(marker).isEmpty()) {
        assertThat(System.nanoTime()).as("the container was removed").isLessThan(deadline);
        Thread.sleep(100);
      }
    } finally {
      client.closeGracefully();
    }
  }
}
