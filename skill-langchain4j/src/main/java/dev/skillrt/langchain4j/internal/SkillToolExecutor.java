package dev.skillrt.langchain4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.SkillException;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolResultText;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs one skill tool for LangChain4j: the model's arguments (a JSON text) go to {@link
 * SkillEngine#execute}, and what comes back is text ({@link ToolResultText}), so a failure, a
 * denial or a bad argument reaches the model and never ends the conversation. Every outcome but
 * success is marked as an error; the {@link ExecutionResult} of a call that ran is the tool
 * execution's result object. A fault of the engine itself (not of the call) is thrown, for the AI
 * service's {@code ToolExecutionErrorHandler}. Thread-safe.
 */
public final class SkillToolExecutor implements ToolExecutor {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SkillEngine engine;
  private final String skill;
  private final String tool;

  public SkillToolExecutor(SkillEngine engine, String skill, String tool) {
    this.engine = engine;
    this.skill = skill;
    this.tool = tool;
  }

  @Override
  public String execute(ToolExecutionRequest request, @Nullable Object memoryId) {
    return run(request).resultText();
  }

  @Override
  public ToolExecutionResult executeWithContext(
      ToolExecutionRequest request, @Nullable InvocationContext context) {
    return run(request);
  }

  private ToolExecutionResult run(ToolExecutionRequest request) {
    String text = request.arguments();
    JsonNode arguments;
    try {
      arguments = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return refused(ToolResultText.malformedArguments(skill, tool, "text that is not JSON"));
    }
    if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
      arguments = JSON.createObjectNode();
    }
    if (!arguments.isObject()) {
      return refused(
          ToolResultText.malformedArguments(
              skill, tool, "a JSON " + arguments.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    ExecutionResult result;
    try {
      // the model's tool-call id reaches the engine's observation (gen_ai.tool.call.id)
      String callId = request.id();
      ExecuteOptions options =
          callId == null || callId.isBlank()
              ? ExecuteOptions.defaults()
              : ExecuteOptions.builder().toolCallId(callId).build();
      result = engine.execute(skill, tool, arguments, options);
    } catch (SkillException e) {
      return refused(ToolResultText.notRun(skill, tool, e));
    }
    return ToolExecutionResult.builder()
        .result(result)
        .resultText(ToolResultText.of(skill, tool, result))
        .isError(!result.succeeded())
        .build();
  }

  private static ToolExecutionResult refused(String text) {
    return ToolExecutionResult.builder().resultText(text).isError(true).build();
  }
}
