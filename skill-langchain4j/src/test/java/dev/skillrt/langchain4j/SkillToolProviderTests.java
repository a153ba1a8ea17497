package dev.skillrt.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.service.AiServices;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolNames;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Skill tools inside a real AiServices assistant, over a scripted model. */
class SkillToolProviderTests {

  interface Assistant {
    String chat(String message);
  }

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
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .toolProvider(SkillToolProvider.of(engine))
            .build();
    return assistant.chat("Please use the tool.");
  }

  @Test
  void theModelCallsTheDemoWasmSkillAndGetsItsStdout() {
    ScriptedChatModel model = new ScriptedChatModel("hello__greet", "{\"name\":\"World\"}");
    assertThat(ask(demo, model)).isEqualTo("Hello, World!\n");
    assertThat(model.offeredTools.get(0))
        .extracting(ToolSpecification::name)
        .contains("hello__greet", "clock__now");
    assertThat(model.toolResults)
        .singleElement()
        .satisfies(r -> assertThat(r.isError()).isNotEqualTo(Boolean.TRUE));
  }

  @Test
  void theModelsToolCallIdReachesTheObservation() {
    io.micrometer.observation.tck.TestObservationRegistry registry =
        io.micrometer.observation.tck.TestObservationRegistry.create();
    try (SkillEngine engine =
        SkillEngine.builder().manifest(Examples.demo()).observationRegistry(registry).build()) {
      assertThat(ask(engine, new ScriptedChatModel("hello__greet", "{\"name\":\"Id\"}")))
          .isEqualTo("Hello, Id!\n");
    }
    io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("skillrt.execute")
        .that()
        .hasHighCardinalityKeyValue("gen_ai.tool.call.id", "call-1");
  }

  @Test
  void anArgumentThatDoesNotFitReachesTheModelAsTextNamingTheParameter() {
    ScriptedChatModel model = new ScriptedChatModel("hello__shout", "{\"name\": 42}");
    assertThat(ask(demo, model))
        .startsWith("hello/shout did not run: ")
        .contains("parameter \"name\" must be of type string, found an integer")
        .endsWith("Correct the arguments and call again.");
    assertThat(model.toolResults).singleElement().satisfies(r -> assertThat(r.isError()).isTrue());
  }

  @Test
  void aMissingRequiredArgumentAndArgumentsThatAreNoJsonObjectAlsoComeBackAsText() {
    assertThat(ask(demo, new ScriptedChatModel("hello__shout", "{}")))
        .contains("missing required parameter \"name\" (string)");
    assertThat(ask(demo, new ScriptedChatModel("hello__shout", "[1, 2]")))
        .contains(
            "its arguments must be one JSON object of the tool's parameters, found a JSON array");
  }

  @Test
  void aDenialReachesTheModelAsTextWithTheReason() {
    try (SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build()) {
      ScriptedChatModel model = new ScriptedChatModel("escape__shell", "{}");
      String answer = ask(engine, model);
      assertThat(model.toolResults)
          .singleElement()
          .satisfies(r -> assertThat(r.isError()).isTrue());
      assertThat(answer)
          .startsWith(
              "escape/shell was denied by policy and did not run:\n  [native.allow-list] program 'sh'")
          .contains("is not on the skill's allow-list [wc]")
          .endsWith("the operator's policy must change first.");
    }
  }

  @Test
  void aFailureReachesTheModelWithTheExitCodeAndTheEndOfStderr() {
    try (SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build()) {
      String answer = ask(engine, new ScriptedChatModel("lost__list", "{}"));
      assertThat(answer)
          .startsWith("lost/list failed: it exited with code 2; the end of its stderr:\n")
          .contains("/skillrt-no-such-folder")
          .endsWith("Read its stderr, then change the arguments or try another way.");
    }
  }

  @Test
  void aSecretTheSkillPrintsReachesTheModelMasked() {
    try (SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build()) {
      String answer = ask(engine, new ScriptedChatModel("leak__env", "{}"));
      assertThat(answer).contains("API_TOKEN=***").doesNotContain("tok-7f3a9c2e51d84b60");
    }
  }

  @Test
  void aFaultOfTheEngineGoesToTheAiServicesErrorHandlerWhichTellsTheModel() {
    SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build();
    SkillToolProvider provider = SkillToolProvider.of(engine);
    engine.close();
    ScriptedChatModel model = new ScriptedChatModel("lost__list", "{}");
    Assistant assistant =
        AiServices.builder(Assistant.class).chatModel(model).toolProvider(provider).build();
    assertThat(assistant.chat("Please use the tool."))
        .isEqualTo("the skill engine is closed; build a new one");
    assertThat(model.toolResults).singleElement().satisfies(r -> assertThat(r.isError()).isTrue());
  }

  @Test
  void eachToolIsSpecifiedWithTheSharedNameTheDescriptionAndTheEnginesSchema() {
    SkillToolProvider provider = SkillToolProvider.of(demo);
    assertThat(provider.toolNames().keySet())
        .containsExactlyElementsOf(ToolNames.of(demo.manifest()).values());
    ToolSpecification greet =
        provider.toolSpecifications().stream()
            .filter(t -> t.name().equals("hello__greet"))
            .findFirst()
            .orElseThrow();
    assertThat(greet.description())
        .isEqualTo(
            "Print a greeting (skill hello: Greets and counts words (WASI module, no host access at all))");
    JsonObjectSchema parameters = greet.parameters();
    assertThat(parameters.additionalProperties()).isFalse();
    // a parameter with a default keeps the engine's JSON as it is
    assertThat(parameters.properties().get("name")).isInstanceOf(JsonRawSchema.class);
    assertThat(
            ((JsonRawSchema) Objects.requireNonNull(parameters.properties().get("name"))).schema())
        .isEqualTo(
            demo.parametersSchema("hello", "greet").get("properties").get("name").toString());
    ToolSpecification shout =
        provider.toolSpecifications().stream()
            .filter(t -> t.name().equals("hello__shout"))
            .findFirst()
            .orElseThrow();
    assertThat(shout.parameters().properties().get("name"))
        .isEqualTo(JsonStringSchema.builder().description("Who to greet").build());
    assertThat(shout.parameters().required()).containsExactly("name");
  }

  @Test
  void skillsCanBePickedByName() {
    SkillToolProvider provider = SkillToolProvider.builder(demo).skills("clock").build();
    assertThat(provider.toolSpecifications())
        .extracting(ToolSpecification::name)
        .containsExactly("clock__now");
    assertThatThrownBy(() -> SkillToolProvider.builder(demo).skills("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("hello");
    assertThat(SkillToolProvider.builder(demo).skills(List.of()).build().toolSpecifications())
        .isEmpty();
  }
}
