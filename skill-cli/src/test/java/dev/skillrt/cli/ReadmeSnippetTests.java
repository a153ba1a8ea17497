package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "embed the engine" snippet, kept compiling and running here. */
class ReadmeSnippetTests {

  /** The snippet, as in README.md (only the manifest path is a parameter here). */
  static String greet(Path manifest) {
    // --- README snippet begins
    try (SkillEngine engine = SkillEngine.builder().manifest(manifest).build()) {
      ExecutionResult result =
          engine.execute("hello", "greet", Map.of("name", "World"), ExecuteOptions.defaults());
      if (!result.succeeded()) {
        throw new IllegalStateException(result.status() + ": " + result.stderr().text());
      }
      return result.stdout().text(); // "Hello, World!\n"
    }
    // --- README snippet ends
  }

  @Test
  void theSnippetRunsTheDemo() {
    assertThat(greet(Cli.examples().resolve("skills.toml"))).isEqualTo("Hello, World!\n");
  }

  @Test
  void theReadmeHoldsTheSameSnippet() throws Exception {
    Path readme = Cli.examples().resolveSibling("README.md");
    String text = Files.readString(readme);
    String source =
        Files.readString(Path.of("src/test/java/dev/skillrt/cli/ReadmeSnippetTests.java"));
    String snippet =
        source.substring(
            source.indexOf("// --- README snippet begins")
                + "// --- README snippet begins".length(),
            source.indexOf("// --- README snippet ends"));
    for (String line : snippet.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      assertThat(text).as("README.md holds the line %s", line).contains(line);
    }
  }
}
