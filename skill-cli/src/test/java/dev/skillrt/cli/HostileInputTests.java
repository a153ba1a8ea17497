package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to exhaust memory or to block the command (devices, FIFOs, huge limits, huge values)
 * ends in a clear error with exit code 2, quickly and with bounded memory.
 */
class HostileInputTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofSeconds(30);
  private final String cli = Cli.testManifest("cli.toml").toString();

  @TempDir Path dir;

  @Test
  void aDeviceAsManifestIsRefused() {
    for (String command : new String[] {"validate", "list"}) {
      Outcome r =
          assertTimeoutPreemptively(BOUND, () -> Cli.run("--manifest", "/dev/zero", command));
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err())
          .contains("/dev/zero: error: the manifest /dev/zero is not a regular file")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aFifoAsManifestIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("skills.toml");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor())
        .isZero();
    Outcome run =
        assertTimeoutPreemptively(
            BOUND, () -> Cli.run("--manifest", fifo.toString(), "run", "a", "b"));
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("is not a regular file")
        .contains("give the path of a TOML file");
    Outcome validate =
        assertTimeoutPreemptively(BOUND, () -> Cli.run("--manifest", fifo.toString(), "validate"));
    assertThat(validate.code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anEndlessStdinIsCutAtTheMaximumAndRefused() {
    Outcome r =
        assertTimeoutPreemptively(
            BOUND, () -> Cli.run("--manifest", cli, "run", "shell", "cat", "--stdin", "/dev/zero"));
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "--stdin /dev/zero: more than 16 MiB, the most skill run sends to a skill's stdin");
  }

  @Test
  void aHugeOutputLimitIsRefusedWhereItIsWritten() throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("big.toml"),
            """
            [skills.big]
            source = "./big"
            runtime = "native"
            [skills.big.native]
            command = "sh"
            sandbox = "none"
            [skills.big.limits]
            output = "1g"
            """);
    Outcome r =
        assertTimeoutPreemptively(
            BOUND, () -> Cli.run("--manifest", manifest.toString(), "run", "big", "x", "--json"));
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains(manifest + ":8:1: error: skills.big.limits.output is 1g, more than the most");
  }

  @Test
  void jsonCarriesLargeOutputStreamedAndInvalidUtf8Replaced() throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("out.toml"),
            """
            [skills.out]
            source = "./out"
            runtime = "native"
            [skills.out.native]
            command = "sh"
            sandbox = "none"
            [skills.out.limits]
            timeout = "60s"
            output = "64m"
            [skills.out.tools.print]
            args = ["-c", '''i=0; while [ $i -lt 20000 ]; do printf '%s\\n' 'héllo "json" 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789'; i=$((i+1)); done; printf 'bad:\\377\\n' ''']
            """);
    Outcome r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(120),
            () -> Cli.run("--manifest", manifest.toString(), "run", "out", "print", "--json"));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode result = JSON.readTree(r.out());
    String line =
        "héllo \"json\" 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789\n";
    assertThat(result.get("stdout").asText()).isEqualTo(line.repeat(20000) + "bad:\uFFFD\n");
    assertThat(result.get("stdoutTruncated").asBoolean()).isFalse();
    assertThat(result.get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void aHugeArgumentValueIsEchoedShortened() {
    String huge = "9".repeat(10 * 1024 * 1024) + "x";
    Outcome r =
        assertTimeoutPreemptively(
            BOUND,
            () -> Cli.run("--manifest", cli, "run", "shell", "typed", "--arg", "count=" + huge));
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("parameter \"count\" of shell/typed is an integer of at most 1000 characters")
        .contains("(10485761 characters)");
    assertThat(r.err().length()).isLessThan(1000);
    Outcome key =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                Cli.run(
                    "--manifest",
                    cli,
                    "run",
                    "shell",
                    "typed",
                    "--arg",
                    "k".repeat(1_000_000) + "=1"));
    assertThat(key.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(key.err()).contains("has no parameter").contains("(1000000 characters)");
    assertThat(key.err().length()).isLessThan(1000);
  }

  @Test
  void aCallersSecretLongerThanTheBoundIsRefusedBeforeTheSkillRuns() throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("echo.toml"),
            """
            [skills.echo]
            source = "./echo"
            runtime = "native"
            [skills.echo.native]
            command = "cat"
            sandbox = "none"
            [skills.echo.limits]
            timeout = "5s"
            output = "8m"
            [skills.echo.tools.cat]
            args = []
            [skills.echo.tools.cat.parameters.token]
            type = "string"
            secret = true
            """);
    Path output = Files.writeString(dir.resolve("output.txt"), "a".repeat(4 << 20) + "b");
    String token = "a".repeat(100_000);
    Outcome r =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                Cli.run(
                    "--manifest",
                    manifest.toString(),
                    "run",
                    "echo",
                    "cat",
                    "--arg",
                    "token=" + token,
                    "--stdin",
                    output.toString(),
                    "--json"));
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "secret parameter \"token\" is longer than 4096 bytes (4 KiB in UTF-8), the most a call may give a secret")
        .doesNotContain("aaaaaaaa")
        .doesNotContain("\tat ");

    String allowed = "a".repeat(4096);
    Outcome ran =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                Cli.run(
                    "--manifest",
                    manifest.toString(),
                    "run",
                    "echo",
                    "cat",
                    "--arg",
                    "token=" + allowed,
                    "--stdin",
                    output.toString(),
                    "--json"));
    assertThat(ran.code()).as(ran.err()).isZero();
    assertThat(JSON.readTree(ran.out()).get("stdout").asText()).isEqualTo("***b");
  }
}
