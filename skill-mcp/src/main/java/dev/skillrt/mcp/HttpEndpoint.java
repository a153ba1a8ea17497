package dev.skillrt.mcp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillrt.mcp.internal.CallRegistry;
import dev.skillrt.mcp.internal.CallTagging;
import dev.skillrt.mcp.internal.HttpGuard;
import dev.skillrt.mcp.internal.SkillsExtension;
import dev.skillrt.mcp.internal.SseTransport;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP's Streamable HTTP transport at {@code /mcp} on the JDK's own HTTP server (no servlet
 * container): POST carries one JSON-RPC message (a request is answered as a server-sent event
 * stream that also carries its progress), GET opens the stream for server notifications, DELETE
 * ends a session. Every request passes the {@link HttpGuard} first (token, Origin, Host).
 */
final class HttpEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
  static final String PATH = "/mcp";
  static final int MAX_SESSIONS = 128;
  static final int MAX_EXCHANGES = 512;
  static final long MAX_DRAIN = 64L << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpGuard guard;
  private final McpJsonMapper json;
  private final CallRegistry calls;
  private final int maxBody;
  private final SkillsExtension skills;
  private final Map<String, McpStreamableServerSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
  private final Semaphore exchanges = new Semaphore(MAX_EXCHANGES);
  private volatile McpStreamableServerSession.@Nullable Factory
      factory; // set when the server starts
  private volatile boolean closing;

  /** The SDK-facing side, giving access to the endpoint once the server is built. */
  interface Provider extends McpStreamableServerTransportProvider {
    HttpEndpoint endpoint();
  }

  private HttpEndpoint(
      HttpSettings settings,
      McpJsonMapper json,
      CallRegistry calls,
      int maxBody,
      SkillsExtension skills) {
    this.skills = skills;
    this.guard = new HttpGuard(settings);
    this.json = json;
    this.calls = calls;
    this.maxBody = maxBody;
    try {
      this.server = HttpServer.create(settings.address(), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + settings.address().getHostString()
              + ":"
              + settings.address().getPort()
              + " ("
              + e.getMessage()
              + "); pick another port or stop what uses it",
          e);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "skill-mcp-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  static Provider provider(
      HttpSettings settings,
      McpJsonMapper json,
      CallRegistry calls,
      int maxBody,
      SkillsExtension skills) {
    HttpEndpoint endpoint = new HttpEndpoint(settings, json, calls, maxBody, skills);
    return new Provider() {
      @Override
      public HttpEndpoint endpoint() {
        return endpoint;
      }

      @Override
      public void setSessionFactory(McpStreamableServerSession.Factory f) {
        endpoint.factory = f;
        endpoint.server.start();
      }

      @Override
      public Mono<Void> notifyClients(String method, Object params) {
        return Mono.fromRunnable(
            () -> {
              for (McpStreamableServerSession s : List.copyOf(endpoint.sessions.values())) {
                s.sendNotification(method, params).onErrorComplete().block(Duration.ofSeconds(5));
              }
            });
      }

      @Override
      public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(endpoint::closeSessions);
      }

      @Override
      public List<String> protocolVersions() {
        return List.of("2025-03-26", "2025-06-18", "2025-11-25");
      }
    };
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private void closeSessions() {
    closing = true;
    for (McpStreamableServerSession s : List.copyOf(sessions.values())) {
      s.closeGracefully().onErrorComplete().block(Duration.ofSeconds(5));
    }
    sessions.clear();
  }

  void stop() {
    closing = true;
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!exchanges.tryAcquire()) {
      plain(exchange, 503, "the server has too many open requests; retry later");
      return;
    }
    try {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        plain(exchange, 404, "not found; the MCP endpoint is " + PATH);
        return;
      }
      HttpGuard.Verdict verdict = guard.check(exchange.getRequestHeaders());
      if (verdict != null) {
        if (verdict.status() == 401) {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        }
        plain(exchange, verdict.status(), verdict.message());
        return;
      }
      if (closing) {
        plain(exchange, 503, "the server is shutting down");
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "POST" -> post(exchange);
        case "GET" -> get(exchange);
        case "DELETE" -> delete(exchange);
        default -> {
          exchange.getResponseHeaders().add("Allow", "GET, POST, DELETE");
          plain(exchange, 405, "use POST, GET or DELETE");
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("an MCP HTTP exchange failed", e);
    } finally {
      exchanges.release();
      exchange.close();
    }
  }

  private void post(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      rpcError(exchange, 415, null, -32600, "Content-Type must be application/json");
      return;
    }
    byte[] body;
    InputStream in = exchange.getRequestBody();
    body = in.readNBytes(maxBody + 1);
    if (body.length > maxBody) {
      // read on into nothing (up to a bound) before answering: the JDK server resets a connection
      // closed with the request unread, and the client, still sending, would never see the answer
      drain(in, MAX_DRAIN);
      rpcError(
          exchange,
          413,
          null,
          -32600,
          "the message is longer than " + maxBody + " bytes, the most this server reads");
      return;
    }
    in.close();
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(json, new String(body, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      rpcError(exchange, 400, null, -32700, "not a JSON-RPC message; send one JSON object");
      return;
    }
    if (message instanceof McpSchema.JSONRPCRequest r && "initialize".equals(r.method())) {
      initialize(exchange, r);
      return;
    }
    String id = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
    McpStreamableServerSession session = id == null ? null : sessions.get(id);
    if (id == null) {
      rpcError(
          exchange, 400, null, -32600, "the Mcp-Session-Id header is missing; initialize first");
      return;
    }
    if (session != null) {
      lastUsed.put(id, System.nanoTime());
    }
    if (session == null) {
      rpcError(exchange, 404, null, -32600, "no session " + id + "; initialize again");
      return;
    }
    McpSchema.JSONRPCMessage tagged = CallTagging.inbound(message, "http:" + id, calls);
    if (tagged == null) {
      exchange.sendResponseHeaders(202, -1);
    } else if (tagged instanceof McpSchema.JSONRPCResponse response) {
      session.accept(response).onErrorComplete().block();
      exchange.sendResponseHeaders(202, -1);
    } else if (tagged instanceof McpSchema.JSONRPCNotification notification) {
      session.accept(notification).onErrorComplete().block();
      exchange.sendResponseHeaders(202, -1);
    } else if (tagged instanceof McpSchema.JSONRPCRequest request) {
      java.util.Optional<McpSchema.JSONRPCResponse> answer = skills.answer(request);
      if (answer.isPresent()) {
        // a method of the Skills extension: answered here, the SDK does not know it
        byte[] bytes = json.writeValueAsBytes(answer.get());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
        return;
      }
      SseTransport transport = SseTransport.start(exchange, json, id);
      session
          .responseStream(transport)
          .handle(request)
          .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, McpTransportContext.EMPTY))
          .onErrorComplete()
          .block();
      transport.close();
    }
  }

  private void initialize(HttpExchange exchange, McpSchema.JSONRPCRequest request)
      throws IOException {
    if (sessions.size() >= MAX_SESSIONS && !evictIdleSession()) {
      rpcError(
          exchange,
          503,
          request.id(),
          -32603,
          "the server already has " + MAX_SESSIONS + " sessions, all busy; retry later");
      return;
    }
    McpSchema.InitializeRequest init =
        json.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {});
    McpStreamableServerSession.Factory sessionFactory = factory;
    if (sessionFactory == null) {
      rpcError(exchange, 503, request.id(), -32603, "the server is not started yet; retry later");
      return;
    }
    McpStreamableServerSession.McpStreamableServerSessionInit started =
        sessionFactory.startSession(init);
    sessions.put(started.session().getId(), started.session());
    lastUsed.put(started.session().getId(), System.nanoTime());
    McpSchema.InitializeResult result = started.initResult().block();
    byte[] bytes = json.writeValueAsBytes(McpSchema.JSONRPCResponse.result(request.id(), result));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Mcp-Session-Id", started.session().getId());
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Makes room for a new session by ending the one used longest ago that has no stream open
   * (clients often leave without DELETE): abandoned sessions never lock new clients out.
   */
  private synchronized boolean evictIdleSession() {
    String oldest = null;
    long oldestTime = Long.MAX_VALUE;
    for (Map.Entry<String, McpStreamableServerSession> e : sessions.entrySet()) {
      long t = lastUsed.getOrDefault(e.getKey(), Long.MIN_VALUE);
      if (!e.getValue().hasOpenStream() && !e.getValue().hasListeningStream() && t < oldestTime) {
        oldest = e.getKey();
        oldestTime = t;
      }
    }
    if (oldest == null) {
      return false;
    }
    McpStreamableServerSession evicted = sessions.remove(oldest);
    lastUsed.remove(oldest);
    if (evicted != null) {
      evicted.closeGracefully().onErrorComplete().subscribe();
    }
    return true;
  }

  private void get(HttpExchange exchange) throws IOException {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      plain(exchange, 406, "GET opens a server-sent event stream: accept text/event-stream");
      return;
    }
    String id = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
    McpStreamableServerSession session = id == null ? null : sessions.get(id);
    if (session == null) {
      plain(
          exchange,
          id == null ? 400 : 404,
          id == null ? "the Mcp-Session-Id header is missing" : "no session " + id);
      return;
    }
    SseTransport transport = SseTransport.start(exchange, json, id);
    McpStreamableServerSession.McpStreamableServerSessionStream stream =
        session.listeningStream(transport);
    try {
      transport.awaitClosed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stream.releaseTransport();
    }
  }

  private void delete(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
    McpStreamableServerSession session = id == null ? null : sessions.remove(id);
    if (id != null) {
      lastUsed.remove(id);
    }
    if (session == null) {
      plain(
          exchange,
          id == null ? 400 : 404,
          id == null ? "the Mcp-Session-Id header is missing" : "no session " + id);
      return;
    }
    session.delete().onErrorComplete().block(Duration.ofSeconds(5));
    exchange.sendResponseHeaders(200, -1);
  }

  private static void drain(InputStream in, long max) {
    byte[] sink = new byte[64 * 1024];
    long left = max;
    try (in) {
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // the client gave up: nothing more to do
    }
  }

  private void rpcError(
      HttpExchange exchange, int status, @Nullable Object id, int code, String message)
      throws IOException {
    byte[] bytes =
        json.writeValueAsBytes(dev.skillrt.mcp.internal.ErrorReplies.of(id, code, message));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void plain(HttpExchange exchange, int status, String message) throws IOException {
    byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
