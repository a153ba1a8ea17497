package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller cannot remove a token the manifest author wrote by leaving an argument out: the call
 * runs with every literal, or is refused before anything runs. Real processes print their argv.
 */
class AuthorTokensTests {

  final SkillEngine engine =
      SkillEngine.builder()
          .manifest(SkillEngineTests.resource("argv.toml"))
          .environment(SkillEngineTests.env())
          .build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void leavingOutTheValueAfterDryRunDoesNotRemoveDryRun() {
    assertThatThrownBy(() -> engine.execute("git", "push", Map.of(), ExecuteOptions.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("parameter \"remote\" must be given")
        .hasMessageContaining("\"--dry-run\", which is never left out");
    ExecutionResult given =
        engine.execute("git", "push", Map.of("remote", "origin"), ExecuteOptions.defaults());
    assertThat(given.stdout().text()).isEqualTo("[push]\n[--dry-run]\n[origin]\n");
  }

  @Test
  void aGroupGoesAsAWholeAndTheAuthorsFlagStays() {
    ExecutionResult without =
        engine.execute("git", "grouped", Map.of("branch", "main"), ExecuteOptions.defaults());
    assertThat(without.stdout().text()).isEqualTo("[push]\n[--dry-run]\n[main]\n");
    ExecutionResult with =
        engine.execute(
            "git", "grouped", Map.of("remote", "o", "branch", "main"), ExecuteOptions.defaults());
    assertThat(with.stdout().text()).isEqualTo("[push]\n[--dry-run]\n[--repo]\n[o]\n[main]\n");
  }
}
