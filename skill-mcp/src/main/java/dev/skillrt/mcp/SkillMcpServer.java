package dev.skillrt.mcp;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.mcp.internal.CallDispatcher;
import dev.skillrt.mcp.internal.CallRegistry;
import dev.skillrt.mcp.internal.EngineGenerations;
import dev.skillrt.mcp.internal.ResultSchemaTrust;
import dev.skillrt.mcp.internal.ServedTools;
import dev.skillrt.mcp.internal.SkillsExtension;
import dev.skillrt.mcp.internal.StdioTransportProvider;
import dev.skillrt.mcp.internal.ToolSpecifications;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server over a {@link SkillEngine}: each skill tool becomes an MCP tool (or the upstream
 * server's {@code list_skills} and {@code execute}, see {@link ToolSelection}), calls run
 * concurrently, report progress, can be cancelled by the client, and are audited with the request
 * id and client name. Embed it in a process of your own:
 *
 * <pre>{@code
 * SkillMcpServer server = SkillMcpServer.builder(engine).stdio(System.in, realStdout);
 * server.awaitTermination(); // until the client closes the input
 * server.close();            // cancels calls in flight, closes the engine
 * }</pre>
 *
 * <p>The server owns the engines it is given: {@link #close()} closes them, and an engine replaced
 * by {@link #replaceEngine} is closed when its last call ends. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SkillMcpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SkillMcpServer.class);

  private final McpAsyncServer server;
  private final EngineGenerations engines;
  private final CallRegistry calls;
  private final CallDispatcher dispatcher;
  private final ExecutorService executor;
  private final ToolSpecifications specifications;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final @Nullable HttpEndpoint http;
  private volatile boolean closed;

  private SkillMcpServer(Builder b, Transport transport) {
    this.calls = new CallRegistry();
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    this.engines =
        new EngineGenerations(
            b.engine, e -> new ServedTools(e, b.selection.skills(), b.selection.meta()));
    this.dispatcher = new CallDispatcher(engines, calls, executor, b.maxCallsInFlight);
    this.specifications = new ToolSpecifications(engines, dispatcher);
    McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    SkillsExtension skills = new SkillsExtension(() -> engines.current().engine());
    Object provider = transport.provider(json, calls, terminated::countDown, skills);
    McpServer.AsyncSpecification<?> spec =
        provider instanceof McpServerTransportProvider p
            ? McpServer.async(p)
            : McpServer.async((McpStreamableServerTransportProvider) provider);
    this.server =
        spec.serverInfo(b.name, b.version)
            .jsonMapper(json)
            .jsonSchemaValidator(
                new ResultSchemaTrust(new DefaultJsonSchemaValidator(new ObjectMapper())))
            // the engine checks arguments itself and names the parameter; the SDK's check would
            // answer first, in other words
            .validateToolInputs(false)
            .requestTimeout(Duration.ofSeconds(30))
            .capabilities(capabilities(b.engine))
            .tools(specifications.of(engines.current()))
            .build();
    this.http = provider instanceof HttpEndpoint.Provider h ? h.endpoint() : null;
  }

  /**
   * Tools; and, when the engine has Agent Skills folders, resources and the Skills extension (whose
   * methods {@link SkillsExtension} answers before the SDK sees them).
   */
  private static McpSchema.ServerCapabilities capabilities(SkillEngine engine) {
    McpSchema.ServerCapabilities.Builder c = McpSchema.ServerCapabilities.builder().tools(true);
    if (!engine.agentSkills().names().isEmpty()) {
      c.resources(false, false).extensions(SkillsExtension.capability());
    }
    return c.build();
  }

  /** A builder serving this engine (which the server then owns). */
  public static Builder builder(SkillEngine engine) {
    return new Builder(engine);
  }

  /** The address the HTTP endpoint listens on; empty for stdio. */
  public Optional<InetSocketAddress> address() {
    return http == null ? Optional.empty() : Optional.of(http.address());
  }

  /** The tools served now. */
  public List<McpSchema.Tool> tools() {
    return engines.current().tools();
  }

  /**
   * Serves another engine from now on (e.g. the manifest changed): the tool list is swapped and
   * clients are sent {@code notifications/tools/list_changed}. Calls already running finish on the
   * old engine, which is closed after the last of them.
   */
  public synchronized void replaceEngine(SkillEngine engine) {
    if (closed) {
      engine.close();
      return;
    }
    ServedTools before = engines.current();
    ServedTools after = engines.replace(engine);
    Set<String> kept = new HashSet<>();
    for (McpSchema.Tool t : after.tools()) {
      kept.add(t.name());
    }
    for (McpSchema.Tool t : before.tools()) {
      if (!kept.contains(t.name())) {
        server.removeTool(t.name()).onErrorComplete().block();
      }
    }
    for (McpServerFeatures.AsyncToolSpecification s : specifications.of(after)) {
      if (!before.tools().contains(s.tool())) {
        server.addTool(s).onErrorComplete().block();
      }
    }
  }

  /** Waits until the client has gone (stdio: end of input) or the server was closed. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** The calls running now. */
  public int callsInFlight() {
    return calls.inFlight();
  }

  /**
   * Stops: cancels every call in flight and waits (up to 10 s) for them to end, closes the
   * transport, then the engines (their containers are removed). Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    calls.cancelAll();
    try {
      if (!dispatcher.awaitIdle(10, TimeUnit.SECONDS)) {
        LOG.warn("{} calls were still ending 10 s after they were cancelled", calls.inFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      server.closeGracefully().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.warn("closing the MCP transport failed: {}", e.toString());
    }
    if (http != null) {
      http.stop();
    }
    executor.shutdownNow();
    engines.close();
    terminated.countDown();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "skill-mcp-call-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** How a server reaches its clients. */
  interface Transport {
    /**
     * A {@code McpServerTransportProvider} or {@code McpStreamableServerTransportProvider}, which
     * lets {@code skills} answer the requests it serves before the SDK sees them.
     */
    Object provider(McpJsonMapper json, CallRegistry calls, Runnable onEnd, SkillsExtension skills);
  }

  /** Builds a {@link SkillMcpServer}. Not thread-safe. */
  public static final class Builder {
    private final SkillEngine engine;
    private ToolSelection selection = ToolSelection.SKILLS;
    private int maxCallsInFlight = 256;
    private int maxMessageBytes = 4 << 20;
    private String name = "skillrt";
    private String version = "0.1.0";

    private Builder(SkillEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Which tools to serve (default {@link ToolSelection#SKILLS}). */
    public Builder tools(ToolSelection selection) {
      this.selection = Objects.requireNonNull(selection, "selection");
      return this;
    }

    /** The most calls that run at once (default 256); past it a call is refused at once. */
    public Builder maxCallsInFlight(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxCallsInFlight must be at least 1, was " + max);
      }
      this.maxCallsInFlight = max;
      return this;
    }

    /** The longest message read from a client (default 4 MiB); a longer one is refused. */
    public Builder maxMessageBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + max);
      }
      this.maxMessageBytes = max;
      return this;
    }

    /** The name and version the server gives clients (default {@code skillrt}). */
    public Builder serverInfo(String name, String version) {
      this.name = Objects.requireNonNull(name, "name");
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Starts serving over a pair of streams, one JSON-RPC message a line (MCP's stdio transport).
     * Nothing but protocol messages is written to {@code out}. {@link #awaitTermination()} returns
     * when {@code in} ends.
     */
    public SkillMcpServer stdio(InputStream in, OutputStream out) {
      int max = maxMessageBytes;
      return new SkillMcpServer(
          this,
          (json, calls, onEnd, skills) ->
              new StdioTransportProvider(json, in, out, max, calls, onEnd, skills));
    }

    /** Starts serving Streamable HTTP at {@code /mcp} with these settings. */
    public SkillMcpServer http(HttpSettings settings) {
      int max = maxMessageBytes;
      return new SkillMcpServer(
          this,
          (json, calls, onEnd, skills) ->
              HttpEndpoint.provider(settings, json, calls, max, skills));
    }
  }
}
