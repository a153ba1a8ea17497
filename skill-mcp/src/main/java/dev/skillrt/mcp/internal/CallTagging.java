package dev.skillrt.mcp.internal;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the transports do to each message from a client before the SDK sees it: a {@code tools/call}
 * gets its registry key in {@code _meta} (the SDK does not tell a tool handler the request id; any
 * value the client put there is overwritten), and a {@code notifications/cancelled} cancels the
 * call it names and goes no further.
 */
public final class CallTagging {

  /** The {@code _meta} key of a call's registry key. */
  public static final String CALL_KEY = "dev.skillrt/call";

  private CallTagging() {}

  /** The message to hand to the SDK, or null when it was consumed here. */
  public static McpSchema.@Nullable JSONRPCMessage inbound(
      McpSchema.JSONRPCMessage message, String connection, CallRegistry calls) {
    if (message instanceof McpSchema.JSONRPCNotification n
        && "notifications/cancelled".equals(n.method())) {
      if (n.params() instanceof Map<?, ?> params && params.get("requestId") != null) {
        calls.cancel(CallRegistry.key(connection, params.get("requestId")));
      }
      return null;
    }
    if (message instanceof McpSchema.JSONRPCRequest r
        && "tools/call".equals(r.method())
        && r.id() != null) {
      Map<String, Object> params = new LinkedHashMap<>();
      if (r.params() instanceof Map<?, ?> given) {
        given.forEach((k, v) -> params.put(String.valueOf(k), v));
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      if (params.get("_meta") instanceof Map<?, ?> givenMeta) {
        givenMeta.forEach((k, v) -> meta.put(String.valueOf(k), v));
      }
      meta.put(CALL_KEY, CallRegistry.key(connection, r.id()));
      params.put("_meta", meta);
      return new McpSchema.JSONRPCRequest(r.jsonrpc(), r.method(), r.id(), params);
    }
    return message;
  }
}
