package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.Guice;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.spi.RuntimeConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runtime settings are as strict as the manifest, from every source: a bad or unknown key fails the
 * engine when it is built, each key reported on its own, an unknown one with the closest key.
 */
class RuntimeSettingsTests {

  private static Path manifest() throws Exception {
    return Path.of(RuntimeSettingsTests.class.getResource("/manifests/engine.toml").toURI());
  }

  @Test
  void aMisspeltKeyFromTheBuilderFailsTheBuildWithASuggestion() throws Exception {
    ConfigurationException e =
        catchThrowableOfType(
            () ->
                SkillEngine.builder()
                    .manifest(manifest())
                    .runtimeConfig(
                        "test-process",
                        RuntimeConfig.of(Map.of("kill_grace", "1s", "kill-grace", "soon")))
                    .build(),
            ConfigurationException.class);

    assertThat(e.problems())
        .extracting(Problem::message)
        .containsExactlyInAnyOrder(
            "test-process runtime setting \"kill-grace\": \"soon\" is not a duration; expected"
                + " e.g. \"30s\", \"500ms\", \"2m\", \"1h\"",
            "test-process runtime setting \"kill_grace\": the test-process runtime has no setting"
                + " \"kill_grace\"; did you mean \"kill-grace\"? (settings: kill-grace)");
  }

  @Test
  void aMisspeltSystemPropertyIsNamedAsWritten() throws Exception {
    System.setProperty("skillrt.test-process.kill-grase", "1s");
    try {
      Throwable e = catchThrowable(() -> SkillEngine.builder().manifest(manifest()).build());
      assertThat(e)
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "-Dskillrt.test-process.kill-grase: the test-process runtime has no setting"
                  + " \"kill-grase\"; did you mean \"kill-grace\"? (settings: kill-grace)");
    } finally {
      System.clearProperty("skillrt.test-process.kill-grase");
    }
  }

  @Test
  void settingsForARuntimeThatIsNotInstalledAreAnError() throws Exception {
    Throwable e =
        catchThrowable(
            () ->
                SkillEngine.builder()
                    .manifest(manifest())
                    .runtimeConfig("test-proces", RuntimeConfig.of(Map.of("kill-grace", "1s")))
                    .build());
    assertThat(e)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "runtime settings were given for \"test-proces\", which is not installed")
        .hasMessageContaining("did you mean \"test-process\"?");
  }

  @Test
  void guiceReportsTheSameProblem() throws Exception {
    SkillEngineModule module =
        new SkillEngineModule(Optional.of(manifest()), Optional.empty())
            .runtimeConfig("test-process", RuntimeConfig.of(Map.of("kill-grase", "1s")));
    Throwable e = catchThrowable(() -> Guice.createInjector(module).getInstance(SkillEngine.class));
    assertThat(e)
        .rootCause()
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean \"kill-grace\"?");
  }

  @Test
  void goodSettingsBuildAnEngine() throws Exception {
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(manifest())
            .runtimeConfig("test-process", RuntimeConfig.of(Map.of("kill-grace", "1s")))
            .build()) {
      assertThat(engine.skills()).contains("greeter");
    }
  }
}
