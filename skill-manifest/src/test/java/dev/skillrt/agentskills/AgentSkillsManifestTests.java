package dev.skillrt.agentskills;

import static dev.skillrt.agentskills.SkillFolders.script;
import static dev.skillrt.agentskills.SkillFolders.skill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Mount;
import dev.skillrt.api.Problem;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ValidationReport;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.RecordingRuntimeProvider;
import dev.skillrt.testing.TableSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skill folders in a manifest: {@code [agent_skills]}, the loader's extra folders, name clashes,
 * overrides, and the request a script call becomes (recorded by a test runtime; the real native and
 * Docker runs are in skill-cli's tests).
 */
class AgentSkillsManifestTests {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  final RecordingRuntimeProvider nativeRuntime = new RecordingRuntimeProvider("native");
  final RecordingRuntimeProvider dockerRuntime = new RecordingRuntimeProvider("docker");
  final SkillRuntimeRegistry registry =
      SkillRuntimeRegistry.of(List.of(nativeRuntime, dockerRuntime));

  ManifestLoader.Builder loader() {
    return ManifestLoader.builder()
        .registry(registry)
        .workingDirectory(dir)
        .environment(Map.of("SKILLS", "skills"));
  }

  Manifest load(String toml) throws IOException {
    Path file = Files.writeString(dir.resolve("skill-engine.toml"), toml);
    return loader().build().load(file);
  }

  List<String> problems(String toml) {
    try {
      load(toml);
    } catch (ConfigurationException e) {
      return e.problems().stream().map(Problem::toString).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected the manifest to be refused");
  }

  @Test
  void pathsAreRelativeToTheManifestAndExpandVariables() throws IOException {
    Path folder = skill(dir.resolve("skills"), "pdf");
    script(folder, "extract.py", "print(1)\n");
    skill(dir.resolve("skills"), ".hidden");
    Files.createDirectories(dir.resolve("skills/no-skill-md"));
    Manifest m = load("[agent_skills]\npaths = [\"./${SKILLS}\"]\n");
    assertThat(m.agentSkills().skills()).containsOnlyKeys("pdf");
    SkillDefinition s = m.skill("pdf");
    assertThat(s.runtime()).isEqualTo("native");
    assertThat(s.description()).isEqualTo("Does pdf things.");
    assertThat(s.tools()).containsOnlyKeys("extract");
    assertThat(s.location().source()).endsWith("skills/pdf/SKILL.md");
  }

  @Test
  void extraFoldersLoadWithoutAManifest() {
    skill(dir.resolve("more"), "alone");
    Manifest m = loader().skillsDirectory(Path.of("more")).build().load(java.util.Optional.empty());
    assertThat(m.skills()).containsOnlyKeys("alone");
  }

  @Test
  void aFolderOutsideTheRootIsNotFollowed() throws IOException {
    skill(dir.resolve("elsewhere"), "outside");
    Files.createDirectories(dir.resolve("skills"));
    Files.createSymbolicLink(dir.resolve("skills/outside"), dir.resolve("elsewhere/outside"));
    Manifest m = load("[agent_skills]\npaths = [\"skills\"]\n");
    assertThat(m.skills()).isEmpty();
    assertThat(m.agentSkills().warnings())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .startsWith("outside is a symbolic link to a folder outside"));
  }

  @Test
  void aNameClashWithAManifestSkillNamesBoth() throws IOException {
    skill(dir.resolve("skills"), "git");
    List<String> problems =
        problems(
            "[skills.git]\nsource = \"x\"\nruntime = \"native\"\n[skills.git.native]\ncommand = \"git\"\n\n"
                + "[agent_skills]\npaths = [\"skills\"]\n");
    assertThat(problems)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(
            "skills/git/SKILL.md:1:1: the skill name \"git\" of this folder is already taken by the manifest's [skills.git] at ")
        .contains("skill-engine.toml:1:1");
  }

  @Test
  void aNameClashBetweenTwoFoldersNamesBoth() throws IOException {
    skill(dir.resolve("a"), "same");
    skill(dir.resolve("b"), "other", "name: same\ndescription: d\n", "");
    List<String> problems = problems("[agent_skills]\npaths = [\"a\", \"b\"]\n");
    assertThat(problems)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(
            "b/other/SKILL.md:1:1: the skill name \"same\" of this folder is already taken by the skill folder ")
        .contains("a/same/SKILL.md");
  }

  @Test
  void aMissingRootAndAnUnknownOverrideAreLocated() {
    List<String> problems =
        problems(
            "[agent_skills]\npaths = [\"nowhere\"]\n[agent_skills.overrides.ghost]\nruntime = \"docker\"\n");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .contains("skill-engine.toml:2:")
        .contains("the skills folder")
        .contains("does not exist");
    assertThat(problems.get(1))
        .contains("skill-engine.toml:3:")
        .contains("names no loaded skill folder");
  }

  @Test
  void strictLoadingMakesEveryWarningAnError() throws IOException {
    skill(dir.resolve("skills"), "folder", "name: other\ndescription: d\n", "");
    Path file =
        Files.writeString(
            dir.resolve("skill-engine.toml"), "[agent_skills]\npaths = [\"skills\"]\n");
    assertThat(loader().build().load(file).skills()).containsOnlyKeys("other");
    assertThatThrownBy(() -> loader().strict(true).build().load(file))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "SKILL.md:2:7: name \"other\" differs from the folder's name \"folder\"");
  }

  @Test
  void aScriptCallIsTheInterpreterTheScriptAndTheArgumentsAsGiven() throws IOException {
    Path folder = skill(dir.resolve("skills"), "pdf");
    script(folder, "extract.py", "print(1)\n");
    Manifest m =
        load("[defaults.limits]\ntimeout = \"7s\"\n[agent_skills]\npaths = [\"skills\"]\n");
    try (SkillEngine engine = SkillEngine.builder().registry(registry).manifest(m).build()) {
      ExecutionRequest r =
          engine.plan(
              "pdf",
              "extract",
              JSON.readTree(
                  "{\"args\": [\"--pages\", \"1 2\", \"$(touch /tmp/x)\"], \"stdin\": \"hello\"}"),
              ExecuteOptions.defaults());
      TableSpec spec = (TableSpec) r.spec();
      assertThat(spec.table()).containsEntry("command", "python3");
      assertThat(spec.arguments())
          .containsExactly(
              folder.toRealPath().resolve("scripts/extract.py").toString(),
              "--pages",
              "1 2",
              "$(touch /tmp/x)");
      assertThat(new String(r.stdin(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(r.mounts())
          .contains(new Mount(folder.toRealPath(), folder.toRealPath().toString(), true));
      assertThat(r.limits().timeout()).contains(Duration.ofSeconds(7));
      assertThat(engine.parametersSchema("pdf", "extract").get("properties").toString())
          .contains("\"args\":{\"type\":\"array\"")
          .contains("\"items\":{\"type\":\"string\"}")
          .contains("\"stdin\":{\"type\":\"string\"");
    }
  }

  @Test
  void anOverrideRunsAFolderOnDockerWithItsLimits() throws IOException {
    Path folder = skill(dir.resolve("skills"), "box");
    script(folder, "hello.sh", "echo hi\n");
    Manifest m =
        load(
            "[agent_skills]\npaths = [\"skills\"]\n[agent_skills.overrides.box]\nruntime = \"docker\"\n"
                + "image = \"skillrt/busybox:test\"\n[agent_skills.overrides.box.limits]\nmemory = \"64m\"\n");
    assertThat(m.skill("box").runtime()).isEqualTo("docker");
    try (SkillEngine engine = SkillEngine.builder().registry(registry).manifest(m).build()) {
      ExecutionRequest r =
          engine.plan("box", "hello", JSON.readTree("{}"), ExecuteOptions.defaults());
      TableSpec spec = (TableSpec) r.spec();
      assertThat(spec.table()).containsEntry("image", "skillrt/busybox:test");
      assertThat(spec.arguments())
          .containsExactly("sh", folder.toRealPath().resolve("scripts/hello.sh").toString());
      assertThat(r.limits().memory()).map(Object::toString).contains("64m");
    }
  }

  @Test
  void theNativeTableOfAnOverrideMayNotChooseTheProgram() throws IOException {
    skill(dir.resolve("skills"), "pick");
    List<String> problems =
        problems(
            "[agent_skills]\npaths = [\"skills\"]\n[agent_skills.overrides.pick]\ncommand = \"bash\"\n");
    assertThat(problems)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("skill-engine.toml:4:")
        .contains("command is not written for a skill folder");
  }

  @Test
  void aProblemInAnOverrideIsReportedOnceThoughItIsReadForEachInterpreter() throws IOException {
    skill(dir.resolve("skills"), "typo");
    List<String> problems =
        problems(
            "[agent_skills]\npaths = [\"skills\"]\n[agent_skills.overrides.typo]\nruntime = \"native\"\n"
                + "gpus = 3\n");
    assertThat(problems)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("skill-engine.toml:5:");
  }

  @Test
  void aScriptWithoutAnAllowedInterpreterIsDeniedAndOnlyWarnedAboutByValidation()
      throws IOException {
    Path folder = skill(dir.resolve("skills"), "odd");
    script(folder, "tool.rb", "#!/usr/bin/env ruby\n");
    Manifest m = load("[agent_skills]\npaths = [\"skills\"]\ninterpreters = [\"sh\"]\n");
    try (SkillEngine engine = SkillEngine.builder().registry(registry).manifest(m).build()) {
      ExecutionResult r = engine.execute("odd", "tool", Map.of(), ExecuteOptions.defaults());
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.ruleId()).isEqualTo("agent_skills.interpreter");
                assertThat(v.message()).contains("needs the interpreter \"ruby\"");
              });
      assertThat(nativeRuntime.requests).isEmpty();
      ValidationReport report = engine.validate();
      assertThat(report.errors()).isEmpty();
      assertThat(report.warnings())
          .extracting(Problem::message)
          .anySatisfy(w -> assertThat(w).contains("[agent_skills.interpreter]"));
    }
  }

  @Test
  void allowedToolsAdmitsOnlyTheCommandsItNames() throws IOException {
    Path folder = dir.resolve("skills/git-tools");
    skill(
        dir.resolve("skills"),
        "git-tools",
        "name: git-tools\ndescription: d\nallowed-tools: Read Bash(scripts/log.sh --oneline:*)\n",
        "");
    script(folder, "log.sh", "echo log\n");
    script(folder, "push.sh", "echo push\n");
    Manifest m = load("[agent_skills]\npaths = [\"skills\"]\n");
    try (SkillEngine engine = SkillEngine.builder().registry(registry).manifest(m).build()) {
      assertThat(
              engine
                  .execute(
                      "git-tools",
                      "log",
                      Map.of("args", List.of("--oneline", "-5")),
                      ExecuteOptions.defaults())
                  .status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      ExecutionResult other =
          engine.execute(
              "git-tools", "log", Map.of("args", List.of("--all")), ExecuteOptions.defaults());
      assertThat(other.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(other.violations())
          .singleElement()
          .satisfies(v -> assertThat(v.ruleId()).isEqualTo("agent_skills.allowed_tools"));
      // one argument holding a space never passes for the two words of the entry
      assertThat(
              engine
                  .execute(
                      "git-tools",
                      "log",
                      Map.of("args", List.of("--oneline --all")),
                      ExecuteOptions.defaults())
                  .status())
          .isEqualTo(ExecutionStatus.DENIED);
      assertThat(engine.execute("git-tools", "push", Map.of(), ExecuteOptions.defaults()).status())
          .isEqualTo(ExecutionStatus.DENIED);
      assertThat(nativeRuntime.requests).hasSize(1);
    }
  }

  @Test
  void argumentsThatAreNotStringsAreRefusedSayingWhich() throws IOException {
    Path folder = skill(dir.resolve("skills"), "typed");
    script(folder, "x.sh", "echo\n");
    Manifest m = load("[agent_skills]\npaths = [\"skills\"]\n");
    try (SkillEngine engine = SkillEngine.builder().registry(registry).manifest(m).build()) {
      assertThatThrownBy(
              () ->
                  engine.execute(
                      "typed", "x", Map.of("args", List.of("ok", 3)), ExecuteOptions.defaults()))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "tool \"typed/x\": args[1] must be a string, found number; pass every argument as a string");
    }
  }
}
