package dev.skillrt.bench.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The client side of MCP's stdio framing (one JSON-RPC message a line) over a pair of streams, for
 * a client and a server in one JVM: what the SDK's {@code StdioClientTransport} does with a
 * process's pipes, without the process.
 */
public final class StreamClientTransport implements McpClientTransport {

  private final InputStream fromServer;
  private final OutputStream toServer;
  private final McpJsonMapper json;

  public StreamClientTransport(InputStream fromServer, OutputStream toServer, McpJsonMapper json) {
    this.fromServer = fromServer;
    this.toServer = toServer;
    this.json = json;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return Mono.fromRunnable(
        () -> {
          Thread reader =
              new Thread(
                  () -> {
                    try (BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                      String line;
                      while ((line = r.readLine()) != null) {
                        McpSchema.JSONRPCMessage message =
                            McpSchema.deserializeJsonRpcMessage(json, line);
                        handler.apply(Mono.just(message)).subscribe();
                      }
                    } catch (IOException e) {
                      // the server closed its end
                    }
                  },
                  "mcp-client-reader");
          reader.setDaemon(true);
          reader.start();
        });
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(
        () -> {
          try {
            byte[] bytes = json.writeValueAsBytes(message);
            synchronized (toServer) {
              toServer.write(bytes);
              toServer.write('\n');
              toServer.flush();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(
        () -> {
          try {
            toServer.close();
          } catch (IOException e) {
            // already closed
          }
        });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
    return json.convertValue(data, type);
  }
}
