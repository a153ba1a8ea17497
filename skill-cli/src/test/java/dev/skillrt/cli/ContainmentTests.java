package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containment as a user of the {@code skill} command meets it, with the real runtimes. */
class ContainmentTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path manifest(String toml) throws Exception {
    return Files.writeString(dir.resolve("skills.toml"), toml);
  }

  /**
   * A link {@code ls -> /bin/sh} early on the PATH of whoever runs the command must not become the
   * skill's program: the native runtime looks programs up on its own search path only.
   */
  @Test
  void aProgramIsNeverTakenFromTheCallersPath() throws Exception {
    Path hijack = Files.createDirectories(dir.resolve("hijack"));
    Files.createSymbolicLink(hijack.resolve("ls"), Path.of("/bin/sh"));
    Path file =
        manifest(
            """
            [skills.files]
            source = "./files"
            runtime = "native"
            [skills.files.native]
            command = "ls"
            sandbox = "none"
            [skills.files.tools.list]
            args = ["-c", "echo pwned"]
            """);
    Map<String, String> env = Cli.environment();
    env.put("PATH", hijack + ":/usr/bin:/bin");
    Outcome r = Cli.run(env, dir, "", "--manifest", file.toString(), "run", "files", "list");
    assertThat(r.out()).as(r.toString()).doesNotContain("pwned");
    assertThat(r.err()).contains("echo pwned"); // ls reports the "file" it could not find
  }

  @Test
  void aMissingProgramIsReportedWithTheSearchPathAtValidation() throws Exception {
    Path file =
        manifest(
            """
            [skills.gone]
            source = "./gone"
            runtime = "native"
            [skills.gone.native]
            command = "no-such-program-anywhere"
            sandbox = "none"
            """);
    Outcome r = Cli.run("--manifest", file.toString(), "validate");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("[native.program-not-found]")
        .contains("no-such-program-anywhere")
        .contains("[/usr/local/bin, /usr/bin, /bin]");
  }

  @Test
  void aSkillWithoutATimeoutGetsTheBuiltInOneAndDescribeShowsIt() throws Exception {
    Path file =
        manifest(
            """
            [skills.echo]
            source = "./echo"
            runtime = "native"
            [skills.echo.native]
            command = "echo"
            sandbox = "none"
            """);
    Outcome r = Cli.run("--manifest", file.toString(), "describe", "echo", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode limits = JSON.readTree(r.out()).get("limits");
    assertThat(limits.get("timeout").asText()).isEqualTo("2m");
  }
}
