package dev.skillrt.mcp.internal;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** The SDK's tool specifications for a set of served tools, each handler a thin dispatch. */
public final class ToolSpecifications {

  private final EngineGenerations engines;
  private final CallDispatcher dispatcher;

  public ToolSpecifications(EngineGenerations engines, CallDispatcher dispatcher) {
    this.engines = engines;
    this.dispatcher = dispatcher;
  }

  public List<McpServerFeatures.AsyncToolSpecification> of(ServedTools served) {
    List<McpServerFeatures.AsyncToolSpecification> specs = new ArrayList<>();
    for (McpSchema.Tool tool : served.tools()) {
      McpServerFeatures.AsyncToolSpecification.Builder b =
          McpServerFeatures.AsyncToolSpecification.builder().tool(tool);
      switch (tool.name()) {
        case MetaTools.LIST_SKILLS ->
            b.callHandler(
                (exchange, request) ->
                    Mono.fromSupplier(() -> MetaTools.listSkills(engines.current().engine())));
        case MetaTools.EXECUTE -> b.callHandler(dispatcher::callExecute);
        case DisclosureTools.ACTIVATE ->
            b.callHandler(
                (exchange, request) ->
                    Mono.fromSupplier(
                        () ->
                            DisclosureTools.activate(
                                engines.current().engine(), request.arguments())));
        case DisclosureTools.READ ->
            b.callHandler(
                (exchange, request) ->
                    Mono.fromSupplier(
                        () ->
                            DisclosureTools.read(engines.current().engine(), request.arguments())));
        default -> b.callHandler(dispatcher::callSkillTool);
      }
      specs.add(b.build());
    }
    return specs;
  }
}
