package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String demo = Cli.examples().resolve("skills.toml").toString();
  private final String denied = Cli.examples().resolve("denied.toml").toString();
  private final String cli = Cli.testManifest("cli.toml").toString();

  @Test
  void theReadmeDemoGreets() {
    Outcome r = Cli.run("--manifest", demo, "run", "hello", "greet", "--arg", "name=World");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Hello, World!\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theWasmToolsTakeArgumentsAsArgvOrJsonOnStdin() throws Exception {
    Outcome shout = Cli.run("--manifest", demo, "run", "hello", "shout", "--arg", "name=World");
    assertThat(shout.out()).as(shout.toString()).isEqualTo("HELLO, WORLD!\n");
    Outcome stats =
        Cli.run(
            "--manifest",
            demo,
            "run",
            "hello",
            "stats",
            "--args-json",
            "{\"text\": \"one two\\nthree\"}");
    assertThat(stats.code()).as(stats.toString()).isZero();
    JsonNode counts = JSON.readTree(stats.out());
    assertThat(counts.get("words").asInt()).isEqualTo(3);
    assertThat(counts.get("chars").asInt()).isEqualTo(13);
  }

  @Test
  void theNativeDemoSkillsRun(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("in.txt"), "a b c\nd e\n");
    Outcome words = Cli.run("--manifest", demo, "run", "text", "words", "--stdin", file.toString());
    assertThat(words.code()).as(words.toString()).isZero();
    assertThat(words.out().trim()).isEqualTo("5");
    Outcome now = Cli.run("--manifest", demo, "run", "clock", "now", "--arg", "format=%Y");
    assertThat(now.code()).as(now.toString()).isZero();
    assertThat(now.out().trim())
        .isEqualTo(String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue()));
  }

  @Test
  void aFailingSkillExitsWithItsOwnCodeAndBothStreamsPassThrough() {
    Outcome r = Cli.run("--manifest", cli, "run", "shell", "exit", "--arg", "code=3");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("to-stdout\n");
    assertThat(r.err()).isEqualTo("to-stderr\n");
    Outcome ok = Cli.run("--manifest", cli, "run", "shell", "exit", "--arg", "code=0");
    assertThat(ok.code()).isZero();
  }

  @Test
  void jsonPrintsOneResultObjectInsteadOfStreaming() throws Exception {
    Outcome r = Cli.run("--manifest", cli, "run", "shell", "exit", "--arg", "code=7", "--json");
    assertThat(r.code()).isEqualTo(7);
    assertThat(r.err()).isEmpty();
    JsonNode result = JSON.readTree(r.out());
    assertThat(result.get("status").asText()).isEqualTo("failed");
    assertThat(result.get("exitCode").asInt()).isEqualTo(7);
    assertThat(result.get("stdout").asText()).isEqualTo("to-stdout\n");
    assertThat(result.get("stderr").asText()).isEqualTo("to-stderr\n");
    assertThat(result.get("stdoutTruncated").asBoolean()).isFalse();
    assertThat(result.get("stderrTruncated").asBoolean()).isFalse();
    assertThat(result.get("runtime").asText()).isEqualTo("native");
    assertThat(result.get("durationMillis").isNumber()).isTrue();
  }

  @Test
  void aTimeoutExits124() {
    Instant start = Instant.now();
    Outcome r =
        Cli.run(
            "--manifest", cli, "run", "shell", "slow", "--arg", "seconds=30", "--timeout", "700ms");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(r.out()).doesNotContain("second");
    assertThat(r.err()).contains("shell/slow timed out").contains("--timeout");
  }

  @Test
  void aPolicyDenialExits126AndRunsNothing() throws Exception {
    Outcome r = Cli.run("--manifest", denied, "run", "escape", "shell");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DENIED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("denied by policy")
        .contains("[native.allow-list]")
        .contains("allowed_commands");
    Outcome json = Cli.run("--manifest", denied, "run", "escape", "shell", "--json");
    assertThat(json.code()).isEqualTo(ExitCodes.DENIED);
    assertThat(JSON.readTree(json.out()).get("status").asText()).isEqualTo("denied");
  }

  @Test
  void anUnreachableDockerEngineIsARuntimeFault125() {
    String key = "skillrt.docker.host";
    String before = System.getProperty(key);
    System.setProperty(key, "unix:///nonexistent/skillrt-test/docker.sock");
    try {
      Outcome r = Cli.run("--manifest", demo, "run", "box", "echo", "--arg", "text=hi");
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME_FAULT);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .contains("docker runtime is unavailable")
          .contains("/nonexistent/skillrt-test/docker.sock")
          .contains("DOCKER_HOST")
          .doesNotContain("\tat ");
      assertThat(r.err().lines().count()).isLessThanOrEqualTo(6);
      Outcome verbose =
          Cli.run("--verbose", "--manifest", demo, "run", "box", "echo", "--arg", "text=hi");
      assertThat(verbose.code()).isEqualTo(ExitCodes.RUNTIME_FAULT);
      assertThat(verbose.err()).contains("\tat dev.skillrt.");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void argValuesAreConvertedToTheDeclaredTypes() {
    Outcome r =
        Cli.run(
            "--manifest",
            cli,
            "run",
            "shell",
            "typed",
            "--arg",
            "count=3",
            "--arg",
            "ratio=1.5",
            "--arg",
            "loud=yes",
            "--arg",
            "items=a",
            "--arg",
            "items=b",
            "--arg",
            "opts={\"k\": 1}",
            "--arg",
            "word=beta");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("3|1.5|true|[\"a\",\"b\"]|{\"k\":1}|beta|");
    Outcome merged =
        Cli.run(
            "--manifest",
            cli,
            "run",
            "shell",
            "typed",
            "--args-json",
            "{\"count\": 1, \"word\": \"alpha\"}",
            "--arg",
            "count=2");
    assertThat(merged.out()).as(merged.toString()).isEqualTo("2|alpha|");
  }

  @Test
  void aBadArgValueIsAUsageErrorNamingTheParameter() {
    Outcome integer = Cli.run("--manifest", cli, "run", "shell", "typed", "--arg", "count=many");
    assertThat(integer.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(integer.err())
        .contains("parameter \"count\" of shell/typed is an integer")
        .contains("--arg count=3")
        .doesNotContain("\tat ");
    Outcome bool = Cli.run("--manifest", cli, "run", "shell", "typed", "--arg", "loud=maybe");
    assertThat(bool.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bool.err()).contains("parameter \"loud\"").contains("true or false");
    Outcome notInEnum = Cli.run("--manifest", cli, "run", "shell", "typed", "--arg", "word=gamma");
    assertThat(notInEnum.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(notInEnum.err()).contains("word").contains("alpha");
  }

  @Test
  void unknownSkillToolParameterOrInstanceIsAUsageError() {
    Outcome skill = Cli.run("--manifest", demo, "run", "nope", "greet");
    assertThat(skill.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(skill.err()).contains("nope").contains("hello");
    Outcome tool = Cli.run("--manifest", demo, "run", "hello", "wave");
    assertThat(tool.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(tool.err()).contains("wave").contains("greet");
    Outcome parameter = Cli.run("--manifest", demo, "run", "hello", "greet", "--arg", "nmae=World");
    assertThat(parameter.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(parameter.err())
        .contains("has no parameter \"nmae\"")
        .contains("its parameters: name");
    Outcome missing = Cli.run("--manifest", demo, "run", "hello", "shout");
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("name");
    Outcome instance = Cli.run("--manifest", demo, "run", "hello", "greet", "--instance", "prod");
    assertThat(instance.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(instance.err()).contains("prod");
    for (Outcome o : new Outcome[] {skill, tool, parameter, missing, instance}) {
      assertThat(o.out()).isEmpty();
      assertThat(o.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    Outcome json = Cli.run("--manifest", demo, "run", "hello", "greet", "--args-json", "{name");
    assertThat(json.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(json.err()).contains("--args-json is not valid JSON");
    Outcome timeout = Cli.run("--manifest", demo, "run", "hello", "greet", "--timeout", "soon");
    assertThat(timeout.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(timeout.err()).contains("--timeout soon").contains("10s");
    Outcome stdin =
        Cli.run("--manifest", demo, "run", "text", "words", "--stdin", "/nonexistent/input.txt");
    assertThat(stdin.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(stdin.err()).contains("--stdin /nonexistent/input.txt: no such file");
    Outcome option = Cli.run("--manifest", demo, "run", "hello", "greet", "--colour");
    assertThat(option.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err()).contains("--colour").contains("skill run --help");
    Outcome arg = Cli.run("--manifest", demo, "run", "hello", "greet", "--arg", "name");
    assertThat(arg.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(arg.err()).contains("expected KEY=VALUE");
  }

  @Test
  void stdinComesFromAFileOrFromOurStdin() {
    Outcome r =
        Cli.run(
            Cli.environment(),
            Path.of("").toAbsolutePath(),
            "piped text",
            "--manifest",
            cli,
            "run",
            "shell",
            "cat",
            "--stdin",
            "-");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("piped text");
  }

  @Test
  void positionalArgumentsFollowTheCommandOfASkillWithoutTools() {
    Outcome r = Cli.run("--manifest", cli, "run", "raw", "hello", "--", "--not-an-option", "b");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("hello --not-an-option b\n");
  }

  @Test
  void outputPastTheLimitIsCutAndSaidSo() throws Exception {
    Outcome r = Cli.run("--manifest", cli, "run", "shell", "flood", "--json");
    JsonNode result = JSON.readTree(r.out());
    assertThat(result.get("stdoutTruncated").asBoolean()).as(r.toString()).isTrue();
    assertThat(result.get("stdout").asText().length()).isLessThanOrEqualTo(4096);
    assertThat(r.code()).isEqualTo(ExitCodes.KILLED_BY_LIMIT);
    Outcome streamed = Cli.run("--manifest", cli, "run", "shell", "flood");
    assertThat(streamed.code()).isEqualTo(ExitCodes.KILLED_BY_LIMIT);
    assertThat(streamed.err()).contains("output was cut at the output limit (stdout)");
  }
}
