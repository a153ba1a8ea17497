package dev.skillrt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.bench.internal.StreamClientTransport;
import dev.skillrt.bench.internal.WasmManifests;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.mcp.SkillMcpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MCP round trip ({@code tools/call} from the SDK's client to {@link SkillMcpServer} and back,
 * stdio framing over in-JVM pipes) against the same {@code SkillEngine.execute} call made directly:
 * warm hello.wasm, compiled, so the call itself is small and the protocol's cost shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
// the client's and server's reactive paths take seconds of calls to compile: a short warm-up
// measures the interpreter
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 3, time = 2)
public class McpBenchmarks {

  private BenchFiles files;
  private SkillEngine engine;
  private SkillMcpServer server;
  private McpSyncClient client;
  private McpSchema.CallToolRequest request;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    files = BenchFiles.create("mcp");
    files.module("hello.wasm");
    files.module("fib.wasm");
    Map<String, Map<String, String>> settings =
        Map.of("wasm", Map.of("cache-dir", files.folder("cache").toString()));
    engine = Engines.engine(files.write("skill-engine.toml", WasmManifests.manifest()), settings);
    SkillEngine served =
        Engines.engine(files.write("served.toml", WasmManifests.manifest()), settings);
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    server =
        SkillMcpServer.builder(served)
            .stdio(
                Channels.newInputStream(toServer.source()),
                Channels.newOutputStream(toClient.sink()));
    client =
        McpClient.sync(
                new StreamClientTransport(
                    Channels.newInputStream(toClient.source()),
                    Channels.newOutputStream(toServer.sink()),
                    new JacksonMcpJsonMapper(new ObjectMapper())))
            .requestTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
    request = new McpSchema.CallToolRequest("hello-compiled__run", Map.of());
    mcpRoundTrip();
    engineExecute();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.closeGracefully();
    server.close();
    engine.close();
    files.close();
  }

  @Benchmark
  public McpSchema.CallToolResult mcpRoundTrip() {
    McpSchema.CallToolResult r = client.callTool(request);
    if (Boolean.TRUE.equals(r.isError())
        || !WasmManifests.HELLO_OUTPUT.equals(
            ((McpSchema.TextContent) r.content().get(0)).text())) {
      throw new IllegalStateException("the MCP call did not succeed: " + r);
    }
    return r;
  }

  @Benchmark
  public ExecutionResult engineExecute() {
    return Engines.call(engine, "hello-compiled", "run");
  }
}
