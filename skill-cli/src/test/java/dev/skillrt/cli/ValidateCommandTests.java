package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDemoManifestIsValid() {
    Outcome r = Cli.run("--manifest", Cli.examples().resolve("skills.toml").toString(), "validate");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("skills.toml: valid: 4 skills, 9 tools");
    assertThat(r.err()).doesNotContain("error:");
  }

  @Test
  void theDeniedDemoFailsWithEveryRuleAndLine() throws Exception {
    Path file = Cli.examples().resolve("denied.toml");
    Outcome r = Cli.run("--manifest", file.toString(), "validate");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    int escapeTool = lineOf(file, "[skills.escape.tools.shell]");
    int privilegedTool = lineOf(file, "[skills.privileged.tools.ps]");
    assertThat(r.err())
        .contains(
            file
                + ":"
                + escapeTool
                + ":1: error: skill \"escape\" tool \"shell\": [native.allow-list]")
        .contains(
            file
                + ":"
                + privilegedTool
                + ":1: error: skill \"privileged\" tool \"ps\": [docker.privileged]")
        .contains("[docker.namespaces]")
        .contains("3 errors");
    Outcome json = Cli.run("--manifest", file.toString(), "validate", "--json");
    assertThat(json.code()).isEqualTo(ExitCodes.USAGE);
    JsonNode report = JSON.readTree(json.out());
    assertThat(report.get("valid").asBoolean()).isFalse();
    assertThat(report.get("errors")).hasSize(3);
    assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(escapeTool);
  }

  @Test
  void everyProblemOfABrokenManifestIsPrintedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.toml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "[skills.a]",
            "source = \"./a\"",
            "runtime = \"native\"",
            "descripton = \"typo\"",
            "",
            "[skills.a.native]",
            "command = \"echo\"",
            "sandbox = \"none\"",
            "",
            "[skills.a.limits]",
            "timeout = \"soon\"",
            ""));
    Outcome r = Cli.run("--manifest", file.toString(), "validate");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(file + ":4:").contains("description");
    assertThat(r.err()).contains(file + ":11:").contains("soon");
    assertThat(r.err()).doesNotContain("\tat ");

    Outcome json = Cli.run("--manifest", file.toString(), "validate", "--json");
    assertThat(json.code()).isEqualTo(ExitCodes.USAGE);
    JsonNode report = JSON.readTree(json.out());
    assertThat(report.get("errors").findValuesAsText("line")).contains("4", "11");

    Outcome list = Cli.run("--manifest", file.toString(), "list");
    assertThat(list.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(list.err()).contains(file + ":4:");
  }

  @Test
  void ambiguousTemplatesAndSecretsOnTheCommandLineAreWarnedAbout(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("git.toml"),
            """
            [skills.git]
            source = "./git"
            runtime = "native"
            [skills.git.native]
            command = "echo"
            sandbox = "none"
            [skills.git.tools.push]
            args = ["push", "--dry-run", "{{remote}}", "--token", "{{token}}"]
            [skills.git.tools.push.parameters.remote]
            [skills.git.tools.push.parameters.token]
            required = true
            secret = true
            """);
    Outcome r = Cli.run("--manifest", file.toString(), "validate");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("valid: 1 skill, 1 tool (2 warnings)");
    assertThat(r.err())
        .contains(
            file
                + ":8:30: warning: skill \"git\" tool \"push\": args[2] {{remote}} follows the flag \"--dry-run\"")
        .contains("write them as one group [\"--dry-run\", \"{{remote}}\"]")
        .contains(
            file
                + ":8:55: warning: skill \"git\" tool \"push\": args put the secret parameter \"token\" on the command line");
    Outcome run =
        Cli.run("--manifest", file.toString(), "run", "git", "push", "--arg", "token=t0ken-value");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("parameter \"remote\" must be given")
        .doesNotContain("t0ken-value");
  }

  @Test
  void aTomlSyntaxErrorIsLocated(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.toml"), "[skills.a]\nsource = \"unterminated\n");
    Outcome r = Cli.run("--manifest", file.toString(), "validate");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .containsPattern(
            java.util.regex.Pattern.quote(file.toString()) + ":2:\\d+: error: TOML syntax error");
  }

  @Test
  void aMissingManifestFileIsAUsageError() {
    Outcome r = Cli.run("--manifest", "/nonexistent/skills.toml", "validate");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("/nonexistent/skills.toml").contains("cannot read the manifest");
  }

  static int lineOf(Path file, String text) throws Exception {
    java.util.List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }
}
