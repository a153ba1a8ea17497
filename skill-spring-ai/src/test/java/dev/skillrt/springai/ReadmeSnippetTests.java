package dev.skillrt.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallAdvisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The README's "Use with Spring AI" snippet, kept compiling and running here. */
class ReadmeSnippetTests {

  /** The application's configuration, as in README.md. */
  @Configuration(proxyBeanMethods = false)
  static class Application {
    // --- README snippet begins
    @Bean
    ChatClient chatClient(ChatClient.Builder builder, SkillToolCallbackProvider skills) {
      return builder.defaultToolCallbacks(skills).build();
    }
    // --- README snippet ends
  }

  /**
   * What Spring AI's auto-configuration gives an application: a ChatClient.Builder over its model.
   */
  @Configuration(proxyBeanMethods = false)
  static class Model {
    @Bean
    ChatClient.Builder chatClientBuilder() {
      return ChatClient.builder(new ScriptedChatModel("hello__greet", "{\"name\":\"World\"}"))
          .defaultAdvisors(ToolCallAdvisor.builder().build());
    }
  }

  @Test
  void theSnippetRunsTheDemo() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                SkillEngineAutoConfiguration.class, SkillToolsAutoConfiguration.class))
        .withUserConfiguration(Model.class, Application.class)
        .withPropertyValues("skillrt.manifest=" + Examples.demo())
        .run(
            context ->
                assertThat(
                        context
                            .getBean(ChatClient.class)
                            .prompt("Greet the world")
                            .call()
                            .content())
                    .isEqualTo("Hello, World!\n"));
  }

  @Test
  void theReadmeHoldsTheSameSnippet() throws Exception {
    String readme =
        Files.readString(
            Objects.requireNonNull(Examples.demo().getParent()).resolveSibling("README.md"));
    String source =
        Files.readString(Path.of("src/test/java/dev/skillrt/springai/ReadmeSnippetTests.java"));
    String begin = "// --- README snippet begins";
    String snippet =
        source.substring(
            source.indexOf(begin) + begin.length(), source.indexOf("// --- README snippet ends"));
    for (String line : snippet.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      assertThat(readme).as("README.md holds the line %s", line).contains(line);
    }
    assertThat(readme)
        .contains("<artifactId>skill-spring-ai</artifactId>")
        .contains("skillrt.manifest=");
  }
}
