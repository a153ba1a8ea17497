package dev.skillrt.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP TypeScript client ({@code @modelcontextprotocol/sdk}, the exact version pinned
 * in {@code src/test/js/package.json}) drives {@code skill serve} over stdio and over Streamable
 * HTTP with a bearer token; {@code src/test/js/client.mjs} holds the checks. The package is
 * installed into {@code target/ts-client}. Without node and npm the tests skip, loudly; under
 * {@code CI=true} that is a failure. Runs after {@code package}.
 */
class TypeScriptClientProcessTests {

  private static final Path JS = Path.of("src/test/js").toAbsolutePath();
  private static final Path WORK = Path.of("target/ts-client").toAbsolutePath();

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
          "\n*** SKIPPED: TypeScriptClientProcessTests need node and npm on the PATH"
              + " (Debian: apt-get install nodejs npm) ***\n");
    }
    assumeTrue(tools, "node and npm are installed");
    Files.createDirectories(WORK);
    for (String f : List.of("package.json", "client.mjs")) {
      Files.copy(JS.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    Run npm =
        run(
            List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock"),
            Duration.ofMinutes(5));
    assertThat(npm.code()).as("npm install:\n" + npm.out()).isZero();
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

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void noCancelledProcessLeft(Run r) throws InterruptedException {
    Matcher m = Pattern.compile("cancelled-marker (\\S+)").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    ServeProcess.awaitNoProcessWith("sleep " + m.group(1), Duration.ofSeconds(5));
  }

  @Test
  void overStdio() throws Exception {
    Run r =
        run(
            List.of(
                "node",
                "client.mjs",
                "stdio",
                java(),
                ServeProcess.jar().toString(),
                ServeProcess.manifest("mcp.toml").toString()),
            Duration.ofMinutes(3));
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("ok stdio: a call aborted by the client is cancelled")
        .contains("all checks passed");
    noCancelledProcessLeft(r);
  }

  @Test
  void overHttpWithATokenRefusingStrangersAndForeignOrigins() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "s3cret-token-" + System.nanoTime() + "-0123456789\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    try (ServeProcess serve =
        ServeProcess.start(
            "--manifest",
            ServeProcess.manifest("mcp.toml").toString(),
            "serve",
            "--http",
            "127.0.0.1:0",
            "--token-file",
            token.toString())) {
      String url = awaitUrl(serve);
      Run r =
          run(
              List.of("node", "client.mjs", "http", url, Files.readString(token).strip()),
              Duration.ofMinutes(3));
      assertThat(r.code()).as(r.out() + "\nserver stderr:\n" + serve.stderr).isZero();
      assertThat(r.out())
          .contains("ok http: without the token the client is refused (401)")
          .contains("ok http: a foreign Origin is refused (403)")
          .contains("all checks passed");
      noCancelledProcessLeft(r);
      serve.process.destroy();
      assertThat(serve.awaitExit(Duration.ofSeconds(20))).as("SIGTERM is a clean stop").isZero();
      assertThat(serve.stdoutLines).as("HTTP mode prints nothing on stdout").isEmpty();
    }
  }

  static String awaitUrl(ServeProcess serve) throws InterruptedException {
    Pattern url = Pattern.compile("serving MCP at (http://\\S+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = url.matcher(serve.stderr);
      if (m.find()) {
        return m.group(1);
      }
      assertThat(serve.process.isAlive())
          .as("skill serve --http started; stderr:\n" + serve.stderr)
          .isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError(
        "skill serve --http did not say where it listens; stderr:\n" + serve.stderr);
  }
}
