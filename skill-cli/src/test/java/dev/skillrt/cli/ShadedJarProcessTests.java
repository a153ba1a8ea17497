package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the runnable jar ({@code skill-cli-VERSION-all.jar}) as a separate process, as {@code
 * bin/skill} does: all three runtimes are found through the merged service files, output streams
 * live, nothing but the skill's output reaches the console, and exit codes reach the shell. Runs
 * after {@code package}.
 */
class ShadedJarProcessTests {

  private static Path jar;
  private static final Path ROOT = Objects.requireNonNull(Cli.examples().getParent());

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void findJar() {
    String configured = System.getProperty("skillrt.cli.jar");
    if (configured == null) {
      System.err.println(
          "\n*** SKIPPED: ShadedJarProcessTests run in the process-tests execution, after package ***\n");
    }
    assumeTrue(configured != null, "run by the process-tests execution of mvn verify");
    jar = Path.of(configured);
    assertThat(jar).as("the runnable jar built by package").isRegularFile();
  }

  private static ProcessBuilder command(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
    pb.environment().remove("SKILL_MANIFEST");
    pb.environment().putAll(env);
    return pb;
  }

  private static Run run(Map<String, String> env, String... args) throws Exception {
    Process p = command(env, args).start();
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ended").isTrue();
    return new Run(p.exitValue(), out.get(), err.get());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theReadmeCommandPrintsTheGreetingAndNothingElse() throws Exception {
    Run r =
        run(
            Map.of(),
            "--manifest",
            "examples/skills.toml",
            "run",
            "hello",
            "greet",
            "--arg",
            "name=World");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("Hello, World!\n");
    assertThat(r.err()).as("no logging noise").isEmpty();
  }

  @Test
  void chicorysLogLinesStayOutOfTheCommandsOutput(@TempDir Path dir) throws Exception {
    // Chicory alone answers fd_fdstat_set_rights with an ERROR line in its log, which the
    // command's logging would print among the skill's output
    Path module =
        Path.of(ShadedJarProcessTests.class.getResource("/wasm/unsupported.wasm").toURI());
    Path manifest =
        Files.writeString(
            dir.resolve("unsupported.toml"),
            "[skills.unsupported]\nsource = \""
                + module
                + "\"\n[skills.unsupported.tools.run]\nargs = []\n");

    Run r = run(Map.of(), "--manifest", manifest.toString(), "run", "unsupported", "run");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("still here\n");
    assertThat(r.err()).as("nothing but the skill's own stderr").isEmpty();
  }

  @Test
  void versionComesFromTheJar() throws Exception {
    Run r = run(Map.of(), "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("skill 0.");
  }

  @Test
  void allThreeRuntimesAreInstalledAndTheDemoValidates() throws Exception {
    Run r = run(Map.of(), "--manifest", "examples/skills.toml", "validate");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("examples/skills.toml: valid: 4 skills, 9 tools\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void exitCodesReachTheShell() throws Exception {
    String cli = Cli.testManifest("cli.toml").toString();
    assertThat(run(Map.of(), "--manifest", cli, "run", "shell", "exit", "--arg", "code=42").code())
        .isEqualTo(42);
    assertThat(
            run(
                    Map.of(),
                    "--manifest",
                    cli,
                    "run",
                    "shell",
                    "slow",
                    "--arg",
                    "seconds=30",
                    "--timeout",
                    "500ms")
                .code())
        .isEqualTo(ExitCodes.TIMED_OUT);
    assertThat(run(Map.of(), "--manifest", "examples/denied.toml", "run", "escape", "shell").code())
        .isEqualTo(ExitCodes.DENIED);
    assertThat(
            run(
                    Map.of(),
                    "--manifest",
                    "examples/skills.toml",
                    "run",
                    "hello",
                    "greet",
                    "--arg",
                    "nope=1")
                .code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void dockerUnreachableIsARuntimeFault() throws Exception {
    Run r =
        run(
            Map.of("DOCKER_HOST", "unix:///nonexistent/skillrt-test/docker.sock"),
            "--manifest",
            "examples/skills.toml",
            "run",
            "box",
            "echo",
            "--arg",
            "text=hi");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.RUNTIME_FAULT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("skill: the docker runtime is unavailable:")
        .contains("/nonexistent/skillrt-test/docker.sock")
        .doesNotContain("\tat ")
        .doesNotContain("SLF4J");
  }

  @Test
  void theDockerDemoRunsWhenAnEngineAndTheImageArePresent() throws Exception {
    String host = System.getenv("DOCKER_HOST");
    boolean engine =
        host != null && host.startsWith("unix://") && Files.exists(Path.of(host.substring(7)));
    if (!engine) {
      System.err.println(
          "\n*** SKIPPED: the docker demo: DOCKER_HOST names no engine socket ("
              + host
              + ") ***\n");
    }
    assumeTrue(engine, "no Docker engine");
    Run r = run(Map.of(), "--manifest", "examples/skills.toml", "run", "box", "whoami");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("uid=65534");
  }

  @Test
  void outputStreamsWhileTheSkillRuns() throws Exception {
    String cli = Cli.testManifest("cli.toml").toString();
    Process p =
        command(Map.of(), "--manifest", cli, "run", "shell", "slow", "--arg", "seconds=4").start();
    p.getOutputStream().close();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      Instant firstAt = Instant.now();
      assertThat(first).isEqualTo("first");
      assertThat(p.isAlive()).as("the first line arrived while the skill still ran").isTrue();
      String second = out.readLine();
      assertThat(second).isEqualTo("second");
      assertThat(Duration.between(firstAt, Instant.now())).isGreaterThan(Duration.ofSeconds(2));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void ctrlCCancelsTheCallAndExits130() throws Exception {
    String cli = Cli.testManifest("cli.toml").toString();
    Process p =
        command(Map.of(), "--manifest", cli, "run", "shell", "slow", "--arg", "seconds=60").start();
    p.getOutputStream().close();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("first");
      List<ProcessHandle> skill = p.descendants().toList();
      assertThat(skill).as("the skill's processes").isNotEmpty();
      Process kill =
          new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).inheritIO().start();
      assertThat(kill.waitFor()).isZero();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the command ended after SIGINT").isTrue();
      assertThat(p.exitValue()).isEqualTo(ExitCodes.CANCELLED);
      Instant deadline = Instant.now().plusSeconds(10);
      while (skill.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(skill.stream().filter(ProcessHandle::isAlive).toList())
          .as("nothing of the call left running")
          .isEmpty();
    }
  }
}
