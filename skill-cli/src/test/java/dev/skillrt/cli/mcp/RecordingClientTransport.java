package dev.skillrt.cli.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The SDK's real client transport, passed through, remembering the ids of the {@code tools/call}
 * requests it sends: the SDK's Java client (2.1.0) cannot cancel a request, so a test sends the
 * protocol's {@code notifications/cancelled} for one of them through the same transport.
 */
final class RecordingClientTransport implements McpClientTransport {

  private final McpClientTransport delegate;
  final List<Object> toolCallIds = new CopyOnWriteArrayList<>();

  RecordingClientTransport(McpClientTransport delegate) {
    this.delegate = delegate;
  }

  void cancel(Object requestId, String reason) {
    delegate
        .sendMessage(
            new McpSchema.JSONRPCNotification(
                McpSchema.JSONRPC_VERSION,
                "notifications/cancelled",
                Map.of("requestId", requestId, "reason", reason)))
        .block();
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return delegate.connect(handler);
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest r && r.method().equals("tools/call")) {
      toolCallIds.add(r.id());
    }
    return delegate.sendMessage(message);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
