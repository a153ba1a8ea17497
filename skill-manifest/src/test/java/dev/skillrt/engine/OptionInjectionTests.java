package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller cannot turn a value into an option of the program: real programs ({@code sort},
 * {@code head}, {@code expr}) run the templates of {@code options.toml}.
 */
class OptionInjectionTests {

  @TempDir Path dir;

  final SkillEngine engine =
      SkillEngine.builder().manifest(SkillEngineTests.resource("options.toml")).environment(SkillEngineTests.env()).build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void aValueCannotBecomeSortsOutputOption() {
    Path target = dir.resolve("OVERWRITTEN");
    ExecuteOptions withStdin = ExecuteOptions.builder().stdin("the caller's content\n").build();

    assertThatThrownBy(() -> engine.execute("sorter", "sort", Map.of("file", "--output=" + target), withStdin))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("tool \"sorter/sort\": the value of parameter \"file\" makes args[0] start with \"-\"")
        .satisfies(e -> System.out.println("MSG " + e.getMessage()))
        .hasMessageNotContaining(target.toString());
    assertThat(target).doesNotExist();
  }
}
