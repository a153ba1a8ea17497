package dev.skillrt.springai;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A chat model that plays a fixed script, as a real model would over the wire: asked first, it
 * requests one tool call; given the tool's result, it answers with exactly the text it received. It
 * keeps the tool definitions each prompt offered it.
 */
final class ScriptedChatModel implements ChatModel {

  private final String toolName;
  private final String arguments;
  final List<List<ToolDefinition>> offeredTools = new ArrayList<>();

  ScriptedChatModel(String toolName, String arguments) {
    this.toolName = toolName;
    this.arguments = arguments;
  }

  @Override
  public ChatResponse call(Prompt prompt) {
    List<ToolDefinition> offered = new ArrayList<>();
    if (prompt.getOptions() instanceof ToolCallingChatOptions options) {
      options.getToolCallbacks().stream()
          .map(ToolCallback::getToolDefinition)
          .forEach(offered::add);
    }
    offeredTools.add(offered);
    List<Message> messages = prompt.getInstructions();
    Message last = messages.get(messages.size() - 1);
    if (last instanceof ToolResponseMessage response) {
      return answer(
          AssistantMessage.builder()
              .content(response.getResponses().get(0).responseData())
              .build());
    }
    AssistantMessage.ToolCall call =
        new AssistantMessage.ToolCall("call-1", "function", toolName, arguments);
    return answer(AssistantMessage.builder().content("").toolCalls(List.of(call)).build());
  }

  private static ChatResponse answer(AssistantMessage message) {
    return new ChatResponse(List.of(new Generation(message)));
  }
}
