package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.runtime.wasm.internal.WasmSettings;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code [skills.NAME.wasm]} table as the wasm runtime's provider reads it from a real
 * manifest.
 */
class WasmTableTests {

  @TempDir Path dir;

  private Manifest load(String toml) {
    return ManifestLoader.builder()
        .environment(Map.of())
        .workingDirectory(dir)
        .registry(SkillRuntimeRegistry.of(List.of(new WasmSkillRuntimeProvider())))
        .build()
        .parse(toml, "test.toml", dir.resolve("test.toml"));
  }

  @Test
  void aSkillDefaultsToWasmAndItsModuleToItsSource() {
    SkillDefinition s =
        load("[skills.hello]\nsource = \"./hello.wasm\"\n[skills.hello.wasm]\nmode = \"interpreted\"\n")
            .skill("hello");
    assertThat(s.runtime()).isEqualTo(WasmSkillRuntimeProvider.ID);
    WasmSettings w = (WasmSettings) s.settings().orElseThrow();
    assertThat(w.module()).contains(dir.resolve("hello.wasm"));
    assertThat(w.mode()).isEqualTo(WasmMode.INTERPRETED);
    assertThat(w.argumentsVisibleOnHost()).isFalse();
  }

  @Test
  void everyProblemOfTheTableIsLocated() {
    List<Problem> problems;
    try {
      load(
          """
          [skills.a]
          source = "./a"
          [skills.a.wasm]
          module = "./missing.wasm"
          mode = "jit"
          moduel = "x"
          """);
      throw new AssertionError("expected the manifest to be rejected");
    } catch (ConfigurationException e) {
      problems = e.problems();
    }
    assertThat(problems)
        .extracting(Problem::toString)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:4:1:")
                    .contains("the module file")
                    .contains("does not exist"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:5:1:")
                    .contains("mode must be one of compiled, interpreted"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:6:1:")
                    .contains("unknown key \"moduel\"")
                    .contains("did you mean \"module\"?"));
    assertThat(problems).hasSize(3);
  }
}
