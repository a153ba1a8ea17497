package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest that routes some skills to runtimes nobody installed still loads: those skills are
 * unavailable, with the reason, and every other skill runs.
 */
class MissingRuntimeTests {

  @TempDir Path dir;

  private Path manifest() throws Exception {
    return Files.writeString(
        dir.resolve("mixed.toml"),
        """
        [skills.echo]
        source = "./echo"
        runtime = "test-process"
        [skills.echo.test-process]
        command = "echo"

        [skills.quantum]
        source = "./quantum"
        runtime = "quantum-annealer"
        description = "Runs on hardware nobody here has"
        [skills.quantum.quantum-annealer]
        qubits = 5000

        [skills.typo]
        source = "./typo"
        runtime = "test-proces"
        """);
  }

  private SkillEngine engine() throws Exception {
    return SkillEngine.builder()
        .manifest(manifest())
        .environment(Map.of("PATH", "/usr/bin:/bin"))
        .registry(SkillRuntimeRegistry.of(List.of(new ProcessTestRuntimeProvider())))
        .build();
  }

  @Test
  void theManifestLoadsAndTheOtherSkillsRun() throws Exception {
    try (SkillEngine engine = engine()) {
      assertThat(engine.skills()).containsExactly("echo", "quantum", "typo");
      assertThat(engine.skill("echo").available()).isTrue();
      ExecutionResult r = engine.execute("echo", "hello", Map.of(), ExecuteOptions.defaults());
      assertThat(r.succeeded()).as(r.message()).isTrue();
      assertThat(r.stdout().text()).isEqualTo("hello\n");
    }
  }

  @Test
  void eachUnavailableSkillSaysWhyAtLoadAtValidationAndWhenCalled() throws Exception {
    try (SkillEngine engine = engine()) {
      String why = engine.skill("quantum").unavailable().orElseThrow();
      assertThat(why)
          .contains(
              "skill \"quantum\" runs on the runtime \"quantum-annealer\", which is not installed")
          .contains("installed runtimes: test-process");
      assertThat(engine.skill("typo").unavailable().orElseThrow())
          .contains("did you mean \"test-process\"?");

      ValidationReport report = engine.validate();
      assertThat(report.errors())
          .hasSize(2)
          .anySatisfy(
              p -> {
                assertThat(p.line()).isEqualTo(7);
                assertThat(p.message()).isEqualTo(why);
              })
          .anySatisfy(p -> assertThat(p.line()).isEqualTo(14));

      assertThatThrownBy(
              () -> engine.execute("quantum", "run", Map.of(), ExecuteOptions.defaults()))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(dir.resolve("mixed.toml") + ":7:1")
          .hasMessageContaining(why);
    }
  }
}
