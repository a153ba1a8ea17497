package dev.skillrt.mcp.internal;

import dev.skillrt.api.OutputListener;
import dev.skillrt.api.StreamKind;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;

/**
 * Turns a skill's output into {@code notifications/progress} for a call that carries a {@code
 * progressToken}: at most one every {@value #INTERVAL_MILLIS} ms, the progress being the bytes seen
 * so far and the message the latest line (at most {@value #MAX_MESSAGE} characters, control
 * characters replaced). However much a skill writes, the client gets at most ten small
 * notifications a second. Thread-safe (the two output streams call it from two threads).
 */
public final class ProgressReporter implements OutputListener {

  static final long INTERVAL_MILLIS = 100;
  static final int MAX_MESSAGE = 200;

  private final McpAsyncServerExchange exchange;
  private final Object token;
  private final StringBuilder current = new StringBuilder();
  private String latest = "";
  private long bytes;
  private long lastSent;

  public ProgressReporter(McpAsyncServerExchange exchange, Object token) {
    this.exchange = exchange;
    this.token = token;
  }

  @Override
  public void onOutput(StreamKind stream, byte[] chunk) {
    McpSchema.ProgressNotification note;
    synchronized (this) {
      bytes += chunk.length;
      String text = new String(chunk, StandardCharsets.UTF_8);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n') {
          if (!current.toString().isBlank()) {
            latest = current.toString();
          }
          current.setLength(0);
        } else if (current.length() < MAX_MESSAGE) {
          current.append(Character.isISOControl(c) ? ' ' : c);
        }
      }
      long now = System.nanoTime() / 1_000_000;
      if (lastSent != 0 && now - lastSent < INTERVAL_MILLIS) {
        return;
      }
      lastSent = now;
      String message = latest.isEmpty() ? current.toString() : latest;
      note = new McpSchema.ProgressNotification(token, (double) bytes, null, message.strip(), null);
    }
    exchange.progressNotification(note).subscribe(null, e -> {});
  }
}
