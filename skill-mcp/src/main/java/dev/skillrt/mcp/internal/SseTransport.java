package dev.skillrt.mcp.internal;

import com.sun.net.httpserver.HttpExchange;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One server-sent event stream of an HTTP exchange: each message one {@code message} event, written
 * whole under a lock. A write that fails (the client went away) closes it.
 */
public final class SseTransport implements McpStreamableServerTransport {

  private final OutputStream out;
  private final McpJsonMapper json;
  private final String sessionId;
  private final AtomicLong events = new AtomicLong();
  private final CountDownLatch closed = new CountDownLatch(1);

  private SseTransport(OutputStream out, McpJsonMapper json, String sessionId) {
    this.out = out;
    this.json = json;
    this.sessionId = sessionId;
  }

  /** Sends the stream's headers and returns the transport writing its events. */
  public static SseTransport start(HttpExchange exchange, McpJsonMapper json, String sessionId)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().add("Cache-Control", "no-cache");
    exchange.getResponseHeaders().add("Mcp-Session-Id", sessionId);
    exchange.sendResponseHeaders(200, 0);
    return new SseTransport(exchange.getResponseBody(), json, sessionId);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return sendMessage(message, null);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, @Nullable String messageId) {
    return Mono.fromRunnable(() -> write(message));
  }

  private void write(McpSchema.JSONRPCMessage message) {
    if (closed.getCount() == 0) {
      return;
    }
    try {
      String data = json.writeValueAsString(message);
      String event =
          "id: "
              + sessionId
              + "-"
              + events.incrementAndGet()
              + "\nevent: message\ndata: "
              + data
              + "\n\n";
      synchronized (out) {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      close();
    }
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
    return json.convertValue(data, type);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::close);
  }

  @Override
  public void close() {
    closed.countDown();
  }

  /** Blocks until the stream is closed by the server or found broken. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }
}
