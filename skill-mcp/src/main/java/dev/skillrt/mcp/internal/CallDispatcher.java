package dev.skillrt.mcp.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.SkillException;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolNames.QualifiedTool;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs tool calls: each on a thread of its own (a slow call never holds up another), at most {@code
 * maxInFlight} at once (past that a call is refused at once as an {@code isError} result),
 * cancellable through the {@link CallRegistry}, streaming progress when asked, and audited with the
 * request id and client name.
 */
public final class CallDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(CallDispatcher.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineGenerations engines;
  private final CallRegistry calls;
  private final ExecutorService executor;
  private final Semaphore slots;
  private final int maxInFlight;

  public CallDispatcher(
      EngineGenerations engines, CallRegistry calls, ExecutorService executor, int maxInFlight) {
    this.engines = engines;
    this.calls = calls;
    this.executor = executor;
    this.maxInFlight = maxInFlight;
    this.slots = new Semaphore(maxInFlight);
  }

  /** A call of a skill tool by its MCP name. */
  public Mono<McpSchema.CallToolResult> callSkillTool(
      McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
    return run(
        exchange,
        request,
        (generation) -> {
          Optional<QualifiedTool> q = generation.tools().resolve(request.name());
          if (q.isEmpty()) {
            return Target.refused(
                "tool "
                    + request.name()
                    + " is no longer served (the manifest changed);"
                    + " list the tools again");
          }
          return Target.of(q.get().skill(), q.get().tool(), request.arguments(), true);
        });
  }

  /** A call of the {@code execute} meta tool. */
  public Mono<McpSchema.CallToolResult> callExecute(
      McpAsyncServerExchange exchange, McpSchema.CallToolRequest request) {
    return run(exchange, request, generation -> MetaTools.target(request.arguments()));
  }

  /**
   * Where a call goes: the skill, the tool and the arguments (with {@code instance}), or why not.
   */
  record Target(
      String skill, String tool, Map<String, Object> arguments, @Nullable String refusal) {
    static Target of(
        String skill,
        String tool,
        @Nullable Map<String, Object> arguments,
        boolean instanceInArguments) {
      return new Target(skill, tool, arguments == null ? Map.of() : arguments, null);
    }

    /** A call that does not start, and why; it names no skill, tool or arguments. */
    static Target refused(String refusal) {
      return new Target("", "", Map.of(), refusal);
    }
  }

  interface Resolver {
    Target resolve(EngineGenerations.Generation generation);
  }

  private Mono<McpSchema.CallToolResult> run(
      McpAsyncServerExchange exchange, McpSchema.CallToolRequest request, Resolver resolver) {
    Object key = request.meta() == null ? null : request.meta().get(CallTagging.CALL_KEY);
    if (!slots.tryAcquire()) {
      return Mono.just(
          ToolResults.refused(
              "the server already runs "
                  + maxInFlight
                  + " calls, the most it runs at"
                  + " once; retry when some have finished"));
    }
    String callKey = key == null ? "untagged\u0000" + System.nanoTime() : key.toString();
    Cancellation cancellation = calls.open(callKey);
    CompletableFuture<McpSchema.CallToolResult> future;
    try {
      future =
          CompletableFuture.supplyAsync(
              () -> execute(exchange, request, resolver, cancellation), executor);
    } catch (RuntimeException e) {
      calls.close(callKey, cancellation);
      slots.release();
      return Mono.just(ToolResults.refused("the server is shutting down; no new call starts"));
    }
    future.whenComplete(
        (r, e) -> {
          calls.close(callKey, cancellation);
          slots.release();
        });
    return Mono.fromFuture(future, true).doOnCancel(cancellation::cancel);
  }

  private McpSchema.CallToolResult execute(
      McpAsyncServerExchange exchange,
      McpSchema.CallToolRequest request,
      Resolver resolver,
      Cancellation cancellation) {
    EngineGenerations.Generation generation = engines.acquire();
    if (generation == null) {
      return ToolResults.refused("the server is shutting down; no new call starts");
    }
    try {
      Target target = resolver.resolve(generation);
      if (target.refusal() != null) {
        return ToolResults.refused(target.refusal());
      }
      SkillEngine engine = generation.tools().engine();
      ObjectNode arguments = JSON.valueToTree(target.arguments());
      ExecuteOptions.Builder options = ExecuteOptions.builder().cancellation(cancellation);
      String instance = "";
      if (arguments.has(ServedTools.INSTANCE)
          && !engine.skill(target.skill()).instances().isEmpty()
          && engine
              .skill(target.skill())
              .tool(target.tool())
              .parameter(ServedTools.INSTANCE)
              .isEmpty()) {
        if (!arguments.get(ServedTools.INSTANCE).isTextual()) {
          return ToolResults.refused(
              "parameter \"instance\": must be a string naming an instance of skill "
                  + target.skill()
                  + ": "
                  + String.join(", ", engine.skill(target.skill()).instances().keySet()));
        }
        instance = arguments.remove(ServedTools.INSTANCE).asText();
        options.instance(instance);
      }
      Object token = request.progressToken();
      if (token != null) {
        options.outputListener(new ProgressReporter(exchange, token));
      }
      Object requestKey = request.meta() == null ? null : request.meta().get(CallTagging.CALL_KEY);
      if (requestKey != null) {
        String k = requestKey.toString();
        String requestId = k.substring(k.indexOf('\u0000') + 3);
        options.auditContext("mcpRequestId", requestId);
        options.toolCallId(requestId);
      }
      McpSchema.Implementation client = exchange.getClientInfo();
      if (client != null && client.name() != null) {
        options.auditContext("mcpClient", client.name());
      }
      Optional<Duration> timeout = engine.limitsOf(target.skill()).timeout();
      ExecutionResult result =
          engine.execute(target.skill(), target.tool(), arguments, options.build());
      return ToolResults.of(
          target.skill(),
          target.tool(),
          instance,
          engine.runtimeOf(target.skill()),
          result,
          timeout);
    } catch (SkillException e) {
      return ToolResults.refused(String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("a tool call failed inside the server: {}", e.toString());
      return ToolResults.refused(
          "the call failed inside the server ("
              + e
              + "); nothing more is known."
              + " Retry, or report it with the server's stderr");
    } finally {
      engines.release(generation);
    }
  }

  /** Waits for the calls in flight to end, up to the timeout. */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    if (slots.tryAcquire(maxInFlight, timeout, unit)) {
      slots.release(maxInFlight);
      return true;
    }
    return false;
  }
}
