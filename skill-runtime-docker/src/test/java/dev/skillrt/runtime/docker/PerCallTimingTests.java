package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Measures (prints, asserts no timing) the per-call time of {@code true} in the test image: through
 * the runtime, and through {@code docker run --rm} with the same hardening flags, in the same run.
 * Run alone with {@code mvn -pl skill-runtime-docker verify -Dtest=PerCallTimingTests}.
 */
class PerCallTimingTests {

  private static final int CALLS = 10;

  @Test
  void perCallTimeOfTrueThroughTheRuntimeAndTheCli() throws Exception {
    DockerTestEngine.require();
    ExecutionRequest request =
        ExecutionRequest.builder(
                "timing",
                "true",
                ContainerSpec.builder(DockerTestEngine.IMAGE).command(List.of("true")).build())
            .build();
    List<Long> runtimeMillis = new ArrayList<>();
    try (DockerSkillRuntime runtime = DockerTestEngine.runtime()) {
      assertThat(runtime.execute(request).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      for (int i = 0; i < CALLS; i++) {
        long start = System.nanoTime();
        ExecutionResult r = runtime.execute(request);
        runtimeMillis.add((System.nanoTime() - start) / 1_000_000);
        assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      }
      report("engine API (DockerSkillRuntime)", runtimeMillis);
      Optional<String> cli = dockerCli();
      if (cli.isEmpty()) {
        System.err.println("WARN: no docker CLI on PATH; only the runtime was measured");
        return;
      }
      List<String> command =
          new ArrayList<>(
              List.of(
                  cli.get(),
                  "-H",
                  runtime.endpoint(),
                  "run",
                  "--rm",
                  "--network",
                  "none",
                  "--cap-drop",
                  "ALL",
                  "--security-opt",
                  "no-new-privileges",
                  "--pids-limit",
                  "256",
                  "--read-only",
                  "--tmpfs",
                  "/tmp:rw,nosuid,nodev,size=67108864,mode=1777",
                  "--ipc",
                  "private",
                  "--cgroupns",
                  "private",
                  "--user",
                  "65534:65534",
                  "--log-driver",
                  "none",
                  "--label",
                  "dev.skillrt.timing=cli",
                  DockerTestEngine.IMAGE,
                  "true"));
      System.out.println("CLI command: " + String.join(" ", command));
      runCli(command);
      List<Long> cliMillis = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        long start = System.nanoTime();
        runCli(command);
        cliMillis.add((System.nanoTime() - start) / 1_000_000);
      }
      report("docker run --rm (CLI)", cliMillis);
    }
  }

  private static void runCli(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
  }

  private static Optional<String> dockerCli() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "docker");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  private static void report(String what, List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    double mean = millis.stream().mapToLong(Long::longValue).average().orElse(0);
    System.out.printf(
        "PER-CALL `true` via %s: mean %.0f ms, median %d ms, min %d ms, max %d ms over %d calls%n",
        what,
        mean,
        sorted.get(sorted.size() / 2),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        millis.size());
  }
}
