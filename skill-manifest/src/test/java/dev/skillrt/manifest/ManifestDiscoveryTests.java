package dev.skillrt.manifest;

import static dev.skillrt.manifest.ManifestLoaderTests.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.skillrt.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the manifest: explicit path, then SKILL_MANIFEST, then the first file upward. */
class ManifestDiscoveryTests {

  @TempDir Path dir;

  @Test
  void anExplicitPathWins() throws IOException {
    Path file = Files.writeString(dir.resolve("mine.toml"), "[skills.a]\nsource = \"./a\"\n");
    ManifestLoader loader =
        ManifestLoader.builder()
            .environment(env("SKILL_MANIFEST", "/nowhere.toml"))
            .workingDirectory(dir)
            .build();
    assertThat(loader.locate(Optional.of(Path.of("mine.toml")))).isEqualTo(file);
    assertThat(loader.load(Optional.of(file)).skills()).containsOnlyKeys("a");
  }

  @Test
  void thenTheSkillManifestVariable() throws IOException {
    Path file = Files.writeString(dir.resolve("from-env.toml"), "[skills.b]\nsource = \"./b\"\n");
    Files.writeString(dir.resolve("skill-engine.toml"), "[skills.c]\nsource = \"./c\"\n");
    ManifestLoader loader =
        ManifestLoader.builder()
            .environment(env("SKILL_MANIFEST", file.toString()))
            .workingDirectory(dir)
            .build();
    assertThat(loader.locate(Optional.empty())).isEqualTo(file);
  }

  @Test
  void thenTheFirstFileUpwardPreferringTheHiddenName() throws IOException {
    Path nested = Files.createDirectories(dir.resolve("x/y/z"));
    Files.writeString(dir.resolve("x/skill-engine.toml"), "[skills.far]\nsource = \"./a\"\n");
    Files.writeString(dir.resolve("x/y/skill-engine.toml"), "[skills.near]\nsource = \"./a\"\n");
    Files.writeString(dir.resolve("x/y/.skill-engine.toml"), "[skills.hidden]\nsource = \"./a\"\n");
    ManifestLoader loader =
        ManifestLoader.builder().environment(env()).workingDirectory(nested).build();
    assertThat(loader.locate(Optional.empty())).isEqualTo(dir.resolve("x/y/.skill-engine.toml"));
    assertThat(loader.load(Optional.empty()).skills()).containsOnlyKeys("hidden");
  }

  @Test
  void noManifestSaysWhereItLooked() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    ManifestLoader loader =
        ManifestLoader.builder().environment(env()).workingDirectory(empty).build();
    boolean anyAbove = false;
    for (Path p = empty; p != null; p = p.getParent()) {
      anyAbove |=
          Files.exists(p.resolve(".skill-engine.toml"))
              || Files.exists(p.resolve("skill-engine.toml"));
    }
    assumeFalse(anyAbove, "a manifest exists above " + empty + ", so discovery would find it");
    assertThatThrownBy(() -> loader.locate(Optional.empty()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no manifest found")
        .hasMessageContaining("SKILL_MANIFEST")
        .hasMessageContaining(empty.toString());
  }
}
