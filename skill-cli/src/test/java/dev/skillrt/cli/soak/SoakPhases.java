package dev.skillrt.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.spi.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The soak's fault phases beside the mixed traffic; each checks what it promises itself. */
final class SoakPhases {

  private SoakPhases() {}

  /**
   * An engine closed while sixteen calls run: each comes back within a bound, as a result that says
   * it was stopped or as the {@code IllegalStateException} a closed runtime throws, and leaves
   * nothing (the census after the soak counts it).
   */
  static void closeUnderLoad(FaultSoakTests soak, Path manifest) throws Exception {
    SkillEngine engine = soak.engine(manifest, soak.workRoot);
    List<Future<String>> calls = new ArrayList<>();
    for (int i = 0; i < FaultSoakTests.PARALLEL; i++) {
      String skill = i % 2 == 0 ? "n" : "w";
      String tool = i % 2 == 0 ? "sleep" : "spin";
      calls.add(
          soak.pool.submit(
              () -> {
                try {
                  ExecutionResult r =
                      engine.execute(skill, tool, Map.of(), ExecuteOptions.defaults());
                  return r.status().name();
                } catch (IllegalStateException e) {
                  return e.getMessage().contains("closed") ? "closed" : "threw " + e;
                } catch (RuntimeException e) {
                  return "threw " + e;
                }
              }));
    }
    Thread.sleep(500);
    engine.close();
    for (Future<String> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS))
          .as("a call in flight when its engine closed")
          .isIn("CANCELLED", "closed", "FAILED");
    }
  }

  /**
   * A work root that is full (a 1 MiB tmpfs, filled): calls still run; one that writes to its
   * working folder fails with the system's "No space left on device" on its stderr. Where mounting
   * is not permitted, a work root the JVM's user cannot write to is used instead, and each call is
   * a runtime fault naming it.
   */
  static void fullWorkRoot(FaultSoakTests soak, Path manifest) throws Exception {
    Path full = soak.dir.resolve("full");
    Files.createDirectories(full);
    boolean mounted =
        SoakDockerEngine.run(
                List.of(
                    "mount", "-t", "tmpfs", "-o", "size=1m,mode=0711", "tmpfs", full.toString()),
                Duration.ofSeconds(10))
            == 0;
    try {
      Path root = full.resolve("work");
      if (mounted) {
        Files.createDirectories(root);
        // fill it: what is left of the 1 MiB goes to a file
        SoakDockerEngine.run(
            List.of("sh", "-c", "head -c 2097152 /dev/zero > " + full.resolve("filler")),
            Duration.ofSeconds(10));
      } else {
        System.err.println(
            "FaultSoakTests: mount -t tmpfs is not permitted here; using a work root the JVM cannot write instead");
        Files.createDirectories(root);
        root.toFile().setWritable(false, false);
      }
      try (SkillEngine engine = soak.engine(manifest, root)) {
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          String tool = i % 2 == 0 ? "ok" : "fill";
          calls.add(
              soak.pool.submit(
                  () -> {
                    try {
                      return engine.execute("n", tool, Map.of(), ExecuteOptions.defaults());
                    } catch (RuntimeException e) {
                      return e;
                    }
                  }));
        }
        for (int i = 0; i < calls.size(); i++) {
          Object outcome = calls.get(i).get(60, TimeUnit.SECONDS);
          if (mounted) {
            assertThat(outcome)
                .as("call %d in a full work root", i)
                .isInstanceOf(ExecutionResult.class);
            ExecutionResult r = (ExecutionResult) outcome;
            if (i % 2 == 0) {
              assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
            } else {
              assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
              assertThat(r.stderr().text()).contains("No space left on device");
            }
          } else {
            assertThat(outcome).isInstanceOf(RuntimeException.class);
            assertThat(((RuntimeException) outcome).getMessage()).contains(root.toString());
          }
        }
      }
      assertThat(LeakCensus.entries(root))
          .as("working folders left in the full work root")
          .isEmpty();
    } finally {
      if (mounted) {
        SoakDockerEngine.run(List.of("umount", full.toString()), Duration.ofSeconds(30));
      }
    }
  }

  /**
   * Docker calls across an engine restart: calls before it succeed; while the engine is down, every
   * call comes back promptly with a runtime fault naming the engine; after it is back, calls
   * succeed on the same SkillEngine without rebuilding anything; no container of this JVM is left.
   */
  static void dockerAcrossARestart(FaultSoakTests soak) throws Exception {
    Optional<String> whyNot = SoakDockerEngine.whyNot();
    if (whyNot.isPresent()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        soak.failWith("CI=true and the soak cannot run its Docker engine: " + whyNot.get());
      }
      System.err.println("FaultSoakTests: SKIPPING the Docker phase: " + whyNot.get());
      return;
    }
    Path manifest =
        Files.writeString(
            soak.dir.resolve("docker.toml"),
            """
            [skills.d]
            source = "docker:skillrt/busybox:test"
            runtime = "docker"
            [skills.d.docker]
            image = "skillrt/busybox:test"
            user = "65534:65534"
            network = "none"
            [skills.d.limits]
            timeout = "20s"
            [skills.d.tools.ok]
            args = ["echo", "ok"]
            [skills.d.tools.fail]
            args = ["sh", "-c", "exit 3"]
            """);
    try (SoakDockerEngine docker = SoakDockerEngine.start(soak.dir.resolve("dockerd"));
        SkillEngine engine =
            SkillEngine.builder()
                .manifest(manifest)
                .environment(Map.of("PATH", "/usr/bin:/bin"))
                .runtimeConfig("docker", RuntimeConfig.of(Map.of("host", docker.host())))
                .build()) {
      dockerCalls(soak, engine, 30);
      docker.down();
      for (int i = 0; i < 8; i++) {
        long start = System.nanoTime();
        try {
          ExecutionResult r = engine.execute("d", "ok", Map.of(), ExecuteOptions.defaults());
          throw new AssertionError("a Docker call ran while the engine was down: " + r);
        } catch (dev.skillrt.api.SkillException e) {
          assertThat(e.getMessage()).as("the fault names the engine").contains(docker.host());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("a call while the engine is down")
            .isLessThan(Duration.ofSeconds(15));
      }
      docker.up();
      dockerCalls(soak, engine, 30);
      String owner = "dev.skillrt.owner-pid=" + ProcessHandle.current().pid();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!docker.containers(owner).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(docker.containers(owner)).as("containers left on the soak's engine").isEmpty();
    }
  }

  private static void dockerCalls(FaultSoakTests soak, SkillEngine engine, int n)
      throws InterruptedException,
          ExecutionException,
          java.util.concurrent.TimeoutException,
          IOException {
    List<Future<String>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean ok = i % 3 != 0;
      calls.add(
          soak.pool.submit(
              () -> {
                ExecutionResult r =
                    engine.execute("d", ok ? "ok" : "fail", Map.of(), ExecuteOptions.defaults());
                ExecutionStatus expected = ok ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED;
                return r.status() == expected
                    ? ""
                    : "d/" + (ok ? "ok" : "fail") + ": " + r.status() + " " + r.message();
              }));
    }
    List<String> wrong = new ArrayList<>();
    for (Future<String> f : calls) {
      String w = f.get(2, TimeUnit.MINUTES);
      if (!w.isEmpty()) {
        wrong.add(w);
      }
    }
    assertThat(wrong).as("Docker calls that did not end as promised").isEmpty();
  }
}
