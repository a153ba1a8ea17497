package dev.skillrt.agentskills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.RecordingRuntimeProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The six real folders of {@code ../shared/compat/agent-skills} (read in place, never copied): all
 * load leniently, the one whose name differs from its folder is a located warning, strict loading
 * refuses exactly that one, and skill-creator's Python scripts are tools.
 */
class AgentSkillsCompatibilityTests {

  final SkillRuntimeRegistry registry =
      SkillRuntimeRegistry.of(List.of(new RecordingRuntimeProvider("native")));

  ManifestLoader.Builder loader(Path corpus) {
    return ManifestLoader.builder()
        .registry(registry)
        .workingDirectory(corpus)
        .skillsDirectory(corpus);
  }

  @Test
  void allSixLoadLeniently() {
    Path corpus = SkillFolders.corpus();
    Manifest m = loader(corpus).build().load(Optional.empty());
    assertThat(m.agentSkills().skills())
        .containsOnlyKeys(
            "algorithmic-art",
            "brand-guidelines",
            "internal-comms",
            "skill-creator",
            "slack-gif-creator",
            "template-skill");
    assertThat(m.agentSkills().skills().values())
        .allSatisfy(s -> assertThat(s.description()).isNotBlank())
        .allSatisfy(s -> assertThat(s.body()).isNotBlank());
  }

  @Test
  void theNameThatDiffersFromItsFolderIsTheOneLocatedWarning() {
    Path corpus = SkillFolders.corpus();
    Manifest m = loader(corpus).build().load(Optional.empty());
    assertThat(m.agentSkills().warnings())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.source()).isEqualTo(corpus.resolve("template/SKILL.md").toString());
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.column()).isEqualTo(7);
              assertThat(p.message())
                  .startsWith(
                      "name \"template-skill\" differs from the folder's name \"template\"");
            });
  }

  @Test
  void strictLoadingRefusesExactlyThatOne() {
    Path corpus = SkillFolders.corpus();
    assertThatThrownBy(() -> loader(corpus).strict(true).build().load(Optional.empty()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::source)
                    .containsExactly(corpus.resolve("template/SKILL.md").toString()));
    for (String ok :
        List.of(
            "algorithmic-art",
            "brand-guidelines",
            "internal-comms",
            "skill-creator",
            "slack-gif-creator")) {
      AgentSkillReader.Result r =
          AgentSkillReader.read(
              corpus.resolve(ok), dev.skillrt.agentskills.internal.Interpreters.DEFAULTS);
      assertThat(r.errors()).as(ok).isEmpty();
      assertThat(r.warnings()).as(ok).isEmpty();
    }
  }

  @Test
  void skillCreatorsPythonScriptsAreTools() {
    Path corpus = SkillFolders.corpus();
    Manifest m = loader(corpus).build().load(Optional.empty());
    AgentSkill creator =
        java.util.Objects.requireNonNull(
            m.agentSkills().skills().get("skill-creator"), "skill-creator loads");
    assertThat(creator.scripts())
        .extracting(AgentScript::tool)
        .containsExactly(
            "__init__",
            "aggregate_benchmark",
            "generate_report",
            "improve_description",
            "package_skill",
            "quick_validate",
            "run_eval",
            "run_loop",
            "utils");
    assertThat(creator.scripts()).allSatisfy(s -> assertThat(s.interpreter()).contains("python3"));
    assertThat(m.skill("skill-creator").tools()).containsKeys("run_eval", "quick_validate");
  }
}
