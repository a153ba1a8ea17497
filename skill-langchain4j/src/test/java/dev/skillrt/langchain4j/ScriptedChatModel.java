package dev.skillrt.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat model that plays a fixed script, as a real model would over the wire: asked first, it
 * requests one tool call; given the tool's result, it answers with exactly the text it received. It
 * keeps the tools each request offered it.
 */
final class ScriptedChatModel implements ChatModel {

  private final String toolName;
  private final String arguments;
  final List<List<ToolSpecification>> offeredTools = new ArrayList<>();
  final List<ToolExecutionResultMessage> toolResults = new ArrayList<>();

  ScriptedChatModel(String toolName, String arguments) {
    this.toolName = toolName;
    this.arguments = arguments;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    offeredTools.add(
        request.toolSpecifications() == null
            ? List.of()
            : List.copyOf(request.toolSpecifications()));
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    if (last instanceof ToolExecutionResultMessage result) {
      toolResults.add(result);
      return ChatResponse.builder().aiMessage(AiMessage.from(result.text())).build();
    }
    ToolExecutionRequest call =
        ToolExecutionRequest.builder().id("call-1").name(toolName).arguments(arguments).build();
    return ChatResponse.builder().aiMessage(AiMessage.from(List.of(call))).build();
  }
}
