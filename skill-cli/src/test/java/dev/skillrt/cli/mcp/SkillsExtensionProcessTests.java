package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP TypeScript client v2 ({@code @modelcontextprotocol/client}, pinned in {@code
 * src/test/js-skills/package.json}) with its Skills extension ({@code ext/skills}) drives {@code
 * skill serve --skills-dir} over stdio: it discovers the Agent Skills corpus and a folder of its
 * own through {@code skills/list}, reads and verifies files as {@code skill://} resources without
 * any tool call, and is refused every way out of a skill folder; then it uses the tools ({@code
 * activate_skill}, {@code read_skill_resource}, a script). {@code
 * src/test/js-skills/skills-client.mjs} holds the checks. Without node and npm the test skips,
 * loudly; under {@code CI=true} that is a failure, as a missing corpus is.
 */
class SkillsExtensionProcessTests {

  private static final Path JS = Path.of("src/test/js-skills").toAbsolutePath();
  private static final Path WORK = Path.of("target/ts-skills-client").toAbsolutePath();

  @TempDir Path dir;

  record Run(int code, String out) {}

  @BeforeAll
  static void install() throws Exception {
    ServeProcess.jar();
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean tools = works("node", "--version") && works("npm", "--version");
    if (!tools) {
      assertThat(ci)
          .as("CI=true: node and npm must be installed (Debian: apt-get install nodejs npm)")
          .isFalse();
      System.err.println(
          "\n*** SKIPPED: SkillsExtensionProcessTests need node and npm on the PATH ***\n");
    }
    assumeTrue(tools, "node and npm are installed");
    Files.createDirectories(WORK);
    for (String f : List.of("package.json", "skills-client.mjs")) {
      Files.copy(JS.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    Run npm =
        run(
            List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock"),
            Duration.ofMinutes(5));
    assertThat(npm.code()).as("npm install:\n" + npm.out()).isZero();
  }

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

  private static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Run run(List<String> command, Duration timeout) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return e.toString();
              }
            });
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within " + timeout + ":\n" + out.getNow(""));
    }
    return new Run(p.exitValue(), out.get());
  }

  /**
   * A folder of skill folders holding "demo": a script, and a reference that links to /etc/passwd.
   */
  private Path ownSkills() throws IOException {
    Path own = dir.resolve("own");
    Path demo = own.resolve("demo");
    Files.createDirectories(demo.resolve("scripts"));
    Files.createDirectories(demo.resolve("references"));
    Files.writeString(
        demo.resolve("SKILL.md"),
        "---\nname: demo\ndescription: A demo skill.\n---\n# Demo\n\nSay hello with the script.\n");
    Path hello =
        Files.writeString(
            demo.resolve("scripts/hello.sh"), "read line\necho \"hello [$1] [$2] $line\"\n");
    Files.createSymbolicLink(demo.resolve("references/outside.md"), Path.of("/etc/passwd"));
    // the native runtime runs the script as an unprivileged user, who must be able to read the
    // folder
    for (Path p : List.of(dir, own, demo, demo.resolve("scripts"), demo.resolve("references"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rwxr-xr-x"));
    return own;
  }

  @Test
  void overStdio() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Run r =
        run(
            List.of(
                "node",
                "skills-client.mjs",
                "stdio",
                java,
                ServeProcess.jar().toString(),
                corpus().toString(),
                ownSkills().toString()),
            Duration.ofMinutes(3));
    assertThat(r.code()).as(r.out()).isZero();
    allChecksPassed(r);
  }

  @Test
  void overHttp() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "skills-token-" + System.nanoTime() + "-0123456789\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    Path corpus = corpus();
    try (ServeProcess serve =
        ServeProcess.start(
            "--skills-dir",
            corpus.toString(),
            "--skills-dir",
            ownSkills().toString(),
            "serve",
            "--http",
            "127.0.0.1:0",
            "--token-file",
            token.toString())) {
      String url = TypeScriptClientProcessTests.awaitUrl(serve);
      Run r =
          run(
              List.of(
                  "node",
                  "skills-client.mjs",
                  "http",
                  url,
                  Files.readString(token).strip(),
                  corpus.toString()),
              Duration.ofMinutes(3));
      assertThat(r.code()).as(r.out() + "\nserver stderr:\n" + serve.stderr).isZero();
      allChecksPassed(r);
    }
  }

  /** Discovered and read without a tool call, every way out refused, then the tools. */
  private static void allChecksPassed(Run r) {
    assertThat(r.out())
        .contains("ok skills/list names every skill, every entry valid")
        .contains("ok SKILL.md reads as a skill:// resource, verified against the entry")
        .contains("ok reading that link is refused")
        .contains("ok a script runs with literal args and stdin")
        .contains("all checks passed")
        .doesNotContain("root:x:0:0");
  }
}
