package dev.skillrt.springai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.SkillException;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolResultText;
import java.util.Locale;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;

/**
 * One skill tool as a Spring AI {@link ToolCallback}: the model's arguments (a JSON text) go to
 * {@link SkillEngine#execute}, and what comes back is always text ({@link ToolResultText}), so a
 * failure, a denial or a bad argument reaches the model instead of ending the call. A fault of the
 * engine itself (not of the call) is thrown as a {@link ToolExecutionException}, which Spring AI's
 * {@code ToolExecutionExceptionProcessor} turns into text for the model or rethrows, as the
 * application configured it. Thread-safe.
 */
public final class SkillToolCallback implements ToolCallback {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SkillEngine engine;
  private final String skill;
  private final String tool;
  private final ToolDefinition definition;

  public SkillToolCallback(
      SkillEngine engine, String skill, String tool, ToolDefinition definition) {
    this.engine = engine;
    this.skill = skill;
    this.tool = tool;
    this.definition = definition;
  }

  @Override
  public ToolDefinition getToolDefinition() {
    return definition;
  }

  @Override
  public String call(String toolInput) {
    JsonNode arguments;
    try {
      arguments =
          toolInput == null || toolInput.isBlank()
              ? JSON.createObjectNode()
              : JSON.readTree(toolInput);
    } catch (JsonProcessingException e) {
      return ToolResultText.malformedArguments(skill, tool, "text that is not JSON");
    }
    if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
      arguments = JSON.createObjectNode();
    }
    if (!arguments.isObject()) {
      return ToolResultText.malformedArguments(
          skill, tool, "a JSON " + arguments.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    try {
      ExecutionResult result = engine.execute(skill, tool, arguments, ExecuteOptions.defaults());
      return ToolResultText.of(skill, tool, result);
    } catch (SkillException e) {
      return ToolResultText.notRun(skill, tool, e);
    } catch (RuntimeException e) {
      // a fault of the engine, not of the call: Spring AI's ToolExecutionExceptionProcessor decides
      throw new ToolExecutionException(definition, e);
    }
  }

  @Override
  public String toString() {
    return "SkillToolCallback[" + definition.name() + " -> " + skill + "/" + tool + "]";
  }
}
