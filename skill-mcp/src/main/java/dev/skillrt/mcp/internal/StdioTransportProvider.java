package dev.skillrt.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP over a pair of byte streams, one JSON-RPC message a line. Unlike the SDK's stdio transport it
 * survives a hostile client: a line that is not JSON gets a parse error and the next line is read;
 * a line longer than the limit is skipped to its end and answered with an error; requests are
 * handed to the session without waiting, so a slow call never blocks the next message. Every write
 * is one whole line under a lock, so nothing can interleave inside a message.
 */
public final class StdioTransportProvider implements McpServerTransportProvider {

  private static final Logger LOG = LoggerFactory.getLogger(StdioTransportProvider.class);

  private final McpJsonMapper json;
  private final InputStream in;
  private final OutputStream out;
  private final int maxLine;
  private final CallRegistry calls;
  private final Runnable onInputEnd;
  private final SkillsExtension skills;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile @Nullable McpServerSession session; // set before the input is read

  public StdioTransportProvider(
      McpJsonMapper json,
      InputStream in,
      OutputStream out,
      int maxLine,
      CallRegistry calls,
      Runnable onInputEnd,
      SkillsExtension skills) {
    this.skills = skills;
    this.json = json;
    this.in = in;
    this.out = out;
    this.maxLine = maxLine;
    this.calls = calls;
    this.onInputEnd = onInputEnd;
  }

  @Override
  public void setSessionFactory(McpServerSession.Factory factory) {
    this.session = factory.create(new LineTransport());
    Thread reader = new Thread(this::readLoop, "skill-mcp-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits until the input has ended (or the transport was closed). */
  public void awaitInputEnd() throws InterruptedException {
    ended.await();
  }

  private void readLoop() {
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean skipping = false;
      byte[] buffer = new byte[64 * 1024];
      int n;
      while (!closing.get() && (n = in.read(buffer)) >= 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] != '\n') {
            continue;
          }
          if (!skipping) {
            line.write(buffer, start, i - start);
            deliver(line.toByteArray());
          }
          line.reset();
          skipping = false;
          start = i + 1;
        }
        if (!skipping) {
          line.write(buffer, start, n - start);
          if (line.size() > maxLine) {
            skipping = true;
            line.reset();
            sendError(
                null,
                -32600,
                "a message is longer than "
                    + maxLine
                    + " bytes, the most this server"
                    + " reads; it was skipped: send smaller arguments");
          }
        }
      }
      if (!skipping && line.size() > 0) {
        deliver(line.toByteArray());
      }
    } catch (IOException | RuntimeException e) {
      if (!closing.get()) {
        LOG.warn("reading MCP messages failed: {}", e.toString());
      }
    } finally {
      ended.countDown();
      if (!closing.get()) {
        onInputEnd.run();
      }
    }
  }

  private void deliver(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return;
    }
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, text);
    } catch (IOException | RuntimeException e) {
      sendError(
          null,
          -32700,
          "not a JSON-RPC message ("
              + firstLine(e.getMessage())
              + "); send one JSON object a line");
      return;
    }
    McpSchema.JSONRPCMessage tagged = CallTagging.inbound(message, "stdio", calls);
    if (tagged == null) {
      return;
    }
    if (tagged instanceof McpSchema.JSONRPCRequest request) {
      Optional<McpSchema.JSONRPCResponse> answer = skills.answer(request);
      if (answer.isPresent()) {
        write(answer.get());
        return;
      }
    }
    McpServerSession s = session;
    if (s == null) {
      return;
    }
    try {
      s.handle(tagged)
          .subscribe(null, e -> LOG.warn("handling an MCP message failed: {}", e.toString()));
    } catch (RuntimeException e) {
      LOG.warn("handling an MCP message failed: {}", e.toString());
    }
  }

  private static String firstLine(@Nullable String message) {
    String m = message == null ? "unreadable" : message;
    int nl = m.indexOf('\n');
    m = nl >= 0 ? m.substring(0, nl) : m;
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  private void sendError(@Nullable Object id, int code, String message) {
    write(ErrorReplies.of(id, code, message));
  }

  private void write(Object message) {
    try {
      byte[] bytes = json.writeValueAsBytes(message);
      synchronized (out) {
        out.write(bytes);
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      if (!closing.get()) {
        LOG.warn("writing an MCP message failed: {}", e.toString());
      }
    }
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    McpServerSession s = session;
    return s == null ? Mono.empty() : s.sendNotification(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return notifyClients(method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(
        () -> {
          closing.set(true);
          ended.countDown();
        });
  }

  private final class LineTransport implements McpServerTransport {
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return Mono.fromRunnable(() -> write(message));
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
      return json.convertValue(data, type);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.fromRunnable(() -> closing.set(true));
    }
  }
}
