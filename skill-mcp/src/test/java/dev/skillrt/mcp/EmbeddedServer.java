package dev.skillrt.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.engine.SkillEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link SkillMcpServer} in this JVM over a pair of pipes, spoken to one JSON line at a time. */
final class EmbeddedServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final SkillMcpServer server;
  private final PipedOutputStream toServer = new PipedOutputStream();
  private final BlockingQueue<JsonNode> fromServer = new LinkedBlockingQueue<>();
  private final java.util.List<JsonNode> seen = new java.util.ArrayList<>();

  EmbeddedServer(Path manifest, ToolSelection selection) throws IOException {
    PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 20);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    SkillEngine engine = SkillEngine.builder().manifest(manifest).build();
    server = SkillMcpServer.builder(engine).tools(selection).stdio(serverIn, serverOut);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  fromServer.add(JSON.readTree(line));
                }
              } catch (IOException e) {
                // closed
              }
            });
    reader.setDaemon(true);
    reader.start();
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"embedded-test\",\"version\":\"1\"}}}");
    await(m -> m.path("id").asText().equals("init"));
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  synchronized void send(String line) throws IOException {
    toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
  }

  void call(Object id, String tool, String arguments) throws IOException {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + JSON.valueToTree(id)
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":"
            + arguments
            + "}}");
  }

  /** The first message, seen or to come, that matches; the others stay for later awaits. */
  JsonNode await(Predicate<JsonNode> match) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try {
      while (System.nanoTime() < deadline) {
        for (java.util.Iterator<JsonNode> it = seen.iterator(); it.hasNext(); ) {
          JsonNode m = it.next();
          if (match.test(m)) {
            it.remove();
            return m;
          }
        }
        JsonNode m = fromServer.poll(100, TimeUnit.MILLISECONDS);
        if (m != null) {
          seen.add(m);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no matching message within 60 s");
  }

  JsonNode result(Object id) {
    String wanted = String.valueOf(id);
    return await(m -> m.has("id") && m.get("id").asText().equals(wanted)).path("result");
  }

  @Override
  public void close() throws IOException {
    server.close();
    toServer.close();
  }
}
