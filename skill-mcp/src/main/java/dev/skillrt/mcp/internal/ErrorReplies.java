package dev.skillrt.mcp.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON-RPC error responses the transports send themselves, for messages the SDK never sees (not
 * JSON, too long): with {@code "id": null} when the id could not be read, which the SDK's own
 * response type does not allow.
 */
public final class ErrorReplies {

  private ErrorReplies() {}

  public static Map<String, Object> of(@Nullable Object id, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("jsonrpc", "2.0");
    reply.put("id", id);
    reply.put("error", error);
    return reply;
  }
}
