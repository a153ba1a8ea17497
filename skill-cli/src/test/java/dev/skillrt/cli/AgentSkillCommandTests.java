package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent Skills folders through the {@code skill} command: listed with their kind, described with
 * their frontmatter and instructions, validated leniently or strictly, and their scripts run for
 * real on the native runtime (bubblewrap when present) and on Docker.
 */
class AgentSkillCommandTests {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static Path corpus() {
    Path d =
        Path.of(
                System.getProperty(
                    "skillrt.compat.agent-skills", "../../shared/compat/agent-skills"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(d)) {
      String note =
          "the Agent Skills corpus "
              + d
              + " is absent (CI has it beside the clone at ../shared/compat)";
      if ("true".equals(System.getenv("CI"))) {
        fail(note);
      }
      System.err.println("\n*** SKIPPED: " + note + " ***\n");
      assumeTrue(false, note);
    }
    return d;
  }

  Outcome skill(String... args) {
    return Cli.run(Cli.environment(), dir, "", args);
  }

  Path folder(String name, String frontmatterExtra) throws IOException {
    // the native runtime runs a script as an unprivileged user, who must be able to read the folder
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path f = dir.resolve("skills").resolve(name);
    Files.createDirectories(f.resolve("scripts"));
    Files.writeString(
        f.resolve("SKILL.md"),
        "---\nname: "
            + name
            + "\ndescription: Test skill "
            + name
            + ".\n"
            + frontmatterExtra
            + "---\n# "
            + name
            + "\n");
    return f;
  }

  static void script(Path folder, String name, String text) throws IOException {
    Path f = folder.resolve("scripts").resolve(name);
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void listShowsTheCorpusWithItsKind() throws Exception {
    Outcome r = Cli.run("--skills-dir", corpus().toString(), "list");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("KIND");
    assertThat(r.out().lines().filter(l -> l.contains(" agent-skill ")).count()).isEqualTo(6);
    assertThat(r.out())
        .containsPattern("skill-creator +agent-skill +native +__init__, aggregate_benchmark, ");
    assertThat(r.out())
        .containsPattern("brand-guidelines +agent-skill +native +\\(instructions only\\)");
    assertThat(r.err()).contains("template/SKILL.md:2:7: warning: name \"template-skill\" differs");
    JsonNode json =
        JSON.readTree(Cli.run("--skills-dir", corpus().toString(), "list", "--json").out());
    assertThat(json.findValuesAsText("kind")).containsOnly("agent-skill").hasSize(6);
  }

  @Test
  void describePrintsTheFrontmatterAndTheInstructions() throws Exception {
    Path corpus = corpus();
    Outcome r = Cli.run("--skills-dir", corpus.toString(), "describe", "skill-creator");
    assertThat(r.code()).as(r.toString()).isZero();
    String skillMd = Files.readString(corpus.resolve("skill-creator/SKILL.md"));
    assertThat(r.out())
        .contains("  kind:      agent-skill")
        .contains("    run_eval  python3 scripts/run_eval.py");
    assertThat(r.out()).endsWith(skillMd.endsWith("\n") ? skillMd : skillMd + "\n");
    JsonNode json =
        JSON.readTree(
            Cli.run("--skills-dir", corpus.toString(), "describe", "skill-creator", "--json")
                .out());
    assertThat(json.get("kind").asText()).isEqualTo("agent-skill");
    assertThat(
            "---\n"
                + json.get("frontmatter").asText()
                + "---\n"
                + json.get("instructions").asText())
        .isEqualTo(skillMd);
    assertThat(json.get("files").findValuesAsText("path"))
        .contains("SKILL.md", "references/schemas.md", "scripts/run_eval.py");
  }

  @Test
  void validateIsLenientAndStrictRefusesExactlyTheMisnamedFolder() throws Exception {
    Path corpus = corpus();
    Outcome lenient = Cli.run("--skills-dir", corpus.toString(), "validate");
    assertThat(lenient.code()).as(lenient.toString()).isZero();
    Outcome strict = Cli.run("--skills-dir", corpus.toString(), "validate", "--strict", "--json");
    assertThat(strict.code()).as(strict.toString()).isEqualTo(ExitCodes.USAGE);
    JsonNode report = JSON.readTree(strict.out());
    assertThat(report.get("errors").findValuesAsText("source"))
        .containsExactly(corpus.resolve("template/SKILL.md").toString());
  }

  @Test
  void aScriptRunsWithItsArgumentsLiterallyAndItsStdin() throws Exception {
    Path f = folder("echoer", "");
    script(
        f,
        "show.py",
        "import sys\nfor a in sys.argv[1:]:\n    print('[' + a + ']')\nprint('in=' + sys.stdin.read())\nsys.exit(3)\n");
    Path marker = dir.resolve("injected");
    Outcome r =
        Cli.run(
            Cli.environment(),
            dir,
            "piped",
            "--skills-dir",
            "skills",
            "run",
            "echoer",
            "show",
            "--stdin",
            "-",
            "--",
            "two words",
            "; touch " + marker,
            "$(touch " + marker + ")",
            "-c");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out())
        .isEqualTo(
            "[two words]\n[; touch " + marker + "]\n[$(touch " + marker + ")]\n[-c]\nin=piped\n");
    assertThat(marker).doesNotExist();
  }

  @Test
  void theSkillFolderIsReadOnlyToItsScripts() throws Exception {
    Path f = folder("writer", "");
    script(f, "write.sh", "echo pwned > \"$(dirname \"$0\")/../pwned.txt\" && echo wrote\n");
    Outcome r = skill("--skills-dir", "skills", "run", "writer", "write", "--json");
    JsonNode result = JSON.readTree(r.out());
    assertThat(result.get("stdout").asText()).as(r.toString()).doesNotContain("wrote");
    assertThat(result.get("stderr").asText()).containsIgnoringCase("read-only");
    assertThat(f.resolve("pwned.txt")).doesNotExist();
  }

  @Test
  void aLinkOutOfTheFolderShowsAScriptNothing() throws Exception {
    Path secret = Files.writeString(dir.resolve("outside-secret.txt"), "TOP-SECRET-VALUE\n");
    Path f = folder("reader", "");
    Files.createDirectories(f.resolve("references"));
    Files.createSymbolicLink(f.resolve("references/secret.txt"), secret);
    script(f, "read.sh", "cat \"$(dirname \"$0\")/../references/secret.txt\"\n");
    Outcome r = skill("--skills-dir", "skills", "run", "reader", "read", "--json");
    JsonNode result = JSON.readTree(r.out());
    assertThat(result.get("stdout").asText()).as(r.toString()).doesNotContain("TOP-SECRET-VALUE");
    assertThat(result.get("status").asText()).isEqualTo("failed");
  }

  @Test
  void aScriptNoAllowedInterpreterRunsIsDeniedAndNothingRuns() throws Exception {
    Path f = folder("ruby", "");
    script(f, "tool.rb", "#!/usr/bin/env ruby\nputs 1\n");
    Outcome r = skill("--skills-dir", "skills", "run", "ruby", "tool");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DENIED);
    assertThat(r.err())
        .contains("[agent_skills.interpreter] scripts/tool.rb needs the interpreter \"ruby\"");
  }

  @Test
  void theManifestsLimitsApplyToScripts() throws Exception {
    Path f = folder("sleepy", "");
    script(f, "nap.sh", "sleep 60\n");
    Files.writeString(
        dir.resolve("skill-engine.toml"),
        "[defaults.limits]\ntimeout = \"1s\"\n\n[agent_skills]\npaths = [\"skills\"]\n");
    Outcome r = skill("run", "sleepy", "nap");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.TIMED_OUT);
  }

  @Test
  void allowedToolsIsEnforced() throws Exception {
    Path f = folder("guarded", "allowed-tools: Read Bash(scripts/ok.sh:*)\n");
    script(f, "ok.sh", "echo fine\n");
    script(f, "other.sh", "echo should-not-run\n");
    Outcome ok = skill("--skills-dir", "skills", "run", "guarded", "ok");
    assertThat(ok.out()).as(ok.toString()).isEqualTo("fine\n");
    Outcome other = skill("--skills-dir", "skills", "run", "guarded", "other");
    assertThat(other.code()).as(other.toString()).isEqualTo(ExitCodes.DENIED);
    assertThat(other.out()).isEmpty();
    assertThat(other.err()).contains("[agent_skills.allowed_tools]");
  }

  @Test
  void anOverrideRunsTheScriptsInADockerContainer() throws Exception {
    String host = System.getenv("DOCKER_HOST");
    boolean engine =
        host != null && host.startsWith("unix://") && Files.exists(Path.of(host.substring(7)));
    if (!engine && "true".equals(System.getenv("CI"))) {
      fail("CI=true but DOCKER_HOST names no engine socket (" + host + ")");
    }
    assumeTrue(engine, "no Docker engine");
    Path f = folder("boxed", "");
    script(
        f,
        "who.sh",
        "id -u; cat \"$(dirname \"$0\")/../SKILL.md\" | head -2 | tail -1; echo \"$1\"\n");
    Files.writeString(
        dir.resolve("skill-engine.toml"),
        "[agent_skills]\npaths = [\"skills\"]\n\n[agent_skills.overrides.boxed]\nruntime = \"docker\"\n"
            + "image = \"skillrt/busybox:test\"\n");
    Map<String, String> env = Cli.environment();
    env.put("DOCKER_HOST", host);
    Outcome r = Cli.run(env, dir, "", "run", "boxed", "who", "--", "arg one");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("65534\nname: boxed\narg one\n");
  }
}
