package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller cannot turn a value into an option of the program, and values the author placed where
 * options end, tied to their flag or allowed still reach it: real {@code sort}, {@code head} and
 * {@code expr} processes run the templates of {@code options.toml}.
 */
class OptionInjectionTests {

  @TempDir Path dir;

  final SkillEngine engine =
      SkillEngine.builder()
          .manifest(SkillEngineTests.resource("options.toml"))
          .environment(SkillEngineTests.env())
          .build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void aValueCannotBecomeSortsOutputOption() throws IOException {
    Path target = dir.resolve("OVERWRITTEN");
    ExecuteOptions withStdin = ExecuteOptions.builder().stdin("the caller's content\n").build();

    assertThatThrownBy(
            () -> engine.execute("sorter", "sort", Map.of("file", "--output=" + target), withStdin))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "tool \"sorter/sort\": the value of parameter \"file\" makes args[0] start with \"-\"")
        .hasMessageContaining("put \"--\" (the end of options) before it in args")
        .hasMessageNotContaining(target.toString());
    assertThat(target).doesNotExist();

    Path input = Files.writeString(dir.resolve("in.txt"), "b\na\n");
    ExecutionResult sorted =
        engine.execute(
            "sorter", "sort", Map.of("file", input.toString()), ExecuteOptions.defaults());
    assertThat(sorted.stdout().text()).as(sorted.stderr().text()).isEqualTo("a\nb\n");
  }

  @Test
  void afterTheEndOfOptionsTheSameValueIsOnlyAFileName() {
    Path target = dir.resolve("OVERWRITTEN");
    ExecutionResult r =
        engine.execute(
            "sorter",
            "sort-operand",
            Map.of("file", "--output=" + target),
            ExecuteOptions.defaults());
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).contains("cannot read").contains("--output=");
    assertThat(target).doesNotExist();
  }

  @Test
  void aFlagTiedToItsValueInAGroupTakesANegativeNumber() {
    ExecutionResult r =
        engine.execute(
            "head",
            "lines",
            Map.of("count", -1),
            ExecuteOptions.builder().stdin("a\nb\nc\n").build());
    assertThat(r.stdout().text()).as(r.stderr().text()).isEqualTo("a\nb\n");
  }

  @Test
  void allowLeadingDashLetsANegativeNumberThroughForThatParameterOnly() {
    ExecutionResult r =
        engine.execute("calc", "add", Map.of("a", -5, "b", 3), ExecuteOptions.defaults());
    assertThat(r.stdout().text()).as(r.stderr().text()).isEqualTo("-2\n");
    assertThatThrownBy(
            () -> engine.execute("calc", "add", Map.of("a", 5, "b", -3), ExecuteOptions.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "tool \"calc/add\": the value of parameter \"b\" makes args[2] start with \"-\"")
        .hasMessageContaining("allow_leading_dash = true on parameter \"b\"");
  }
}
