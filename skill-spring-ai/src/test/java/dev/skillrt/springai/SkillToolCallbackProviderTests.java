package dev.skillrt.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolNames;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallAdvisor;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Skill tools inside a real ChatClient (its tool-calling advisor and manager), over a scripted
 * model.
 */
class SkillToolCallbackProviderTests {

  static SkillEngine demo;

  @BeforeAll
  static void engine() {
    demo = SkillEngine.builder().manifest(Examples.demo()).build();
  }

  @AfterAll
  static void close() {
    demo.close();
  }

  private static String ask(SkillEngine engine, ScriptedChatModel model) {
    ChatClient chat =
        ChatClient.builder(model)
            .defaultToolCallbacks(SkillToolCallbackProvider.of(engine))
            .defaultAdvisors(ToolCallAdvisor.builder().build())
            .build();
    return chat.prompt("Please use the tool.").call().content();
  }

  @Test
  void theModelCallsTheDemoWasmSkillAndGetsItsStdout() {
    ScriptedChatModel model = new ScriptedChatModel("hello__greet", "{\"name\":\"World\"}");
    assertThat(ask(demo, model)).isEqualTo("Hello, World!\n");
    assertThat(model.offeredTools.get(0))
        .extracting(ToolDefinition::name)
        .contains("hello__greet", "clock__now");
  }

  @Test
  void anArgumentThatDoesNotFitReachesTheModelAsTextNamingTheParameter() {
    ScriptedChatModel model = new ScriptedChatModel("hello__shout", "{\"name\": 42}");
    assertThat(ask(demo, model))
        .startsWith("hello/shout did not run: ")
        .contains("parameter \"name\" must be of type string, found an integer")
        .endsWith("Correct the arguments and call again.");
  }

  @Test
  void argumentsThatAreNoJsonObjectComeBackAsText() {
    assertThat(ask(demo, new ScriptedChatModel("hello__shout", "\"World\"")))
        .contains(
            "its arguments must be one JSON object of the tool's parameters, found a JSON string");
  }

  @Test
  void aDenialReachesTheModelAsTextWithTheReason() {
    try (SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build()) {
      assertThat(ask(engine, new ScriptedChatModel("escape__shell", "{}")))
          .startsWith(
              "escape/shell was denied by policy and did not run:\n  [native.allow-list] program 'sh'")
          .contains("is not on the skill's allow-list [wc]")
          .endsWith("the operator's policy must change first.");
    }
  }

  @Test
  void aFailureReachesTheModelWithTheExitCodeAndTheEndOfStderr() {
    try (SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build()) {
      assertThat(ask(engine, new ScriptedChatModel("lost__list", "{}")))
          .startsWith("lost/list failed: it exited with code 2; the end of its stderr:\n")
          .contains("/skillrt-no-such-folder")
          .endsWith("Read its stderr, then change the arguments or try another way.");
    }
  }

  @Test
  void aSecretTheSkillPrintsReachesTheModelMasked() {
    try (SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build()) {
      assertThat(ask(engine, new ScriptedChatModel("leak__env", "{}")))
          .contains("API_TOKEN=***")
          .doesNotContain("tok-7f3a9c2e51d84b60");
    }
  }

  @Test
  void aFaultOfTheEngineGoesToSpringAisExceptionProcessorWhichTellsTheModel() {
    SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build();
    SkillToolCallbackProvider provider = SkillToolCallbackProvider.of(engine);
    engine.close();
    ChatClient chat =
        ChatClient.builder(new ScriptedChatModel("lost__list", "{}"))
            .defaultToolCallbacks(provider)
            .defaultAdvisors(ToolCallAdvisor.builder().build())
            .build();
    assertThat(chat.prompt("Please use the tool.").call().content())
        .isEqualTo("the skill engine is closed; build a new one");
  }

  @Test
  void eachCallbackIsDefinedWithTheSharedNameTheDescriptionAndTheEnginesSchema() throws Exception {
    SkillToolCallbackProvider provider = SkillToolCallbackProvider.of(demo);
    List<String> names =
        Arrays.stream(provider.getToolCallbacks()).map(c -> c.getToolDefinition().name()).toList();
    assertThat(names).containsExactlyElementsOf(ToolNames.of(demo.manifest()).values());
    ToolDefinition greet =
        Arrays.stream(provider.getToolCallbacks())
            .map(ToolCallback::getToolDefinition)
            .filter(d -> d.name().equals("hello__greet"))
            .findFirst()
            .orElseThrow();
    assertThat(greet.description())
        .isEqualTo(
            "Print a greeting (skill hello: Greets and counts words (WASI module, no host access at all))");
    assertThat(new ObjectMapper().readTree(greet.inputSchema()))
        .isEqualTo(demo.parametersSchema("hello", "greet"));
  }

  @Test
  void skillsCanBePickedByName() {
    SkillToolCallbackProvider provider =
        SkillToolCallbackProvider.builder(demo).skills("clock").build();
    assertThat(provider.getToolCallbacks())
        .extracting(c -> c.getToolDefinition().name())
        .containsExactly("clock__now");
    assertThatThrownBy(() -> SkillToolCallbackProvider.builder(demo).skills("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("hello");
  }
}
