package dev.skillrt.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.skillrt.engine.SkillEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The README's "Use with LangChain4j" snippet, kept compiling and running here. */
class ReadmeSnippetTests {

  interface Assistant {
    String chat(String message);
  }

  /** The snippet, as in README.md (the manifest and the model are parameters here). */
  static String ask(Path manifest, ChatModel model) {
    // --- README snippet begins
    try (SkillEngine engine = SkillEngine.builder().manifest(manifest).build()) {
      Assistant assistant =
          AiServices.builder(Assistant.class)
              .chatModel(model)
              .toolProvider(SkillToolProvider.of(engine))
              .build();
      return assistant.chat("Greet the world");
    }
    // --- README snippet ends
  }

  @Test
  void theSnippetRunsTheDemo() {
    assertThat(ask(Examples.demo(), new ScriptedChatModel("hello__greet", "{\"name\":\"World\"}")))
        .isEqualTo("Hello, World!\n");
  }

  @Test
  void theReadmeHoldsTheSameSnippet() throws Exception {
    String readme =
        Files.readString(
            Objects.requireNonNull(Examples.demo().getParent()).resolveSibling("README.md"));
    String source =
        Files.readString(Path.of("src/test/java/dev/skillrt/langchain4j/ReadmeSnippetTests.java"));
    String begin = "// --- README snippet begins";
    String snippet =
        source.substring(
            source.indexOf(begin) + begin.length(), source.indexOf("// --- README snippet ends"));
    for (String line : snippet.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      assertThat(readme).as("README.md holds the line %s", line).contains(line);
    }
    assertThat(readme).contains("<artifactId>skill-langchain4j</artifactId>");
  }
}
