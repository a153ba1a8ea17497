package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.internal.Labels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the Docker runtime does on a real engine beyond the contract kit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerRuntimeTests {

  private DockerSkillRuntime runtime;
  private DockerClient client;

  @BeforeAll
  void start() {
    runtime = DockerTestEngine.runtime();
    client = DockerTestEngine.client();
  }

  @AfterAll
  void stop() throws Exception {
    DockerTestEngine.closeQuietly(runtime);
    if (client != null) {
      client.close();
    }
  }

  private static ContainerSpec.Builder sh(String script) {
    return ContainerSpec.builder(DockerTestEngine.IMAGE).command(List.of("sh", "-c", script));
  }

  private static ExecutionRequest.Builder request(String skill, ContainerSpec.Builder spec) {
    return ExecutionRequest.builder(skill, "tool", spec.build())
        .limits(Limits.builder().timeout(Duration.ofSeconds(60)).build());
  }

  /** Runs a sleeping call, hands its live container to {@code check}, then cancels it. */
  private ExecutionResult whileRunning(
      ExecutionRequest.Builder request, java.util.function.Consumer<InspectContainerResponse> check)
      throws Exception {
    String skill = "live-" + System.nanoTime();
    Cancellation cancellation = Cancellation.create();
    ExecutionRequest built =
        ExecutionRequest.builder(skill, "tool", request.build().spec())
            .limits(request.build().limits())
            .mounts(request.build().mounts())
            .networkAllowed(request.build().networkAllowed())
            .cancellation(cancellation)
            .build();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(() -> runtime.execute(built));
    String id = null;
    for (int i = 0; i < 300 && id == null; i++) {
      List<Container> found =
          client.listContainersCmd().withLabelFilter(Map.of(Labels.SKILL, skill)).exec();
      if (!found.isEmpty()) {
        id = found.get(0).getId();
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(id).as("a running container for %s", skill).isNotNull();
    try {
      check.accept(client.inspectContainerCmd(id).exec());
    } finally {
      cancellation.cancel();
    }
    ExecutionResult result = call.get(60, TimeUnit.SECONDS);
    assertThat(client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec())
        .as("the container is removed after the call")
        .isEmpty();
    return result;
  }

  @Test
  void theHardenedDefaultsAreVisibleInInspect() throws Exception {
    ExecutionResult result =
        whileRunning(
            request("x", sh("sleep 100000"))
                .limits(
                    Limits.builder()
                        .timeout(Duration.ofSeconds(60))
                        .memory(DataSize.ofMebibytes(96))
                        .cpus(0.5)
                        .build()),
            inspect -> {
              HostConfig host = inspect.getHostConfig();
              assertThat(host.getNetworkMode()).isEqualTo("none");
              assertThat(host.getCapDrop()).extracting(Enum::name).containsExactly("ALL");
              assertThat(host.getCapAdd()).isNullOrEmpty();
              assertThat(host.getPrivileged()).isFalse();
              assertThat(host.getSecurityOpts()).contains("no-new-privileges");
              assertThat(host.getPidsLimit()).isEqualTo(256L);
              assertThat(host.getReadonlyRootfs()).isTrue();
              assertThat(host.getTmpFs()).containsKey("/tmp");
              assertThat(host.getTmpFs().get("/tmp")).contains("size=67108864").contains("nosuid");
              assertThat(host.getIpcMode()).isEqualTo("private");
              assertThat(host.getCgroupnsMode()).isEqualTo("private");
              assertThat(host.getMemory()).isEqualTo(96L * 1024 * 1024);
              assertThat(host.getMemorySwap()).isEqualTo(96L * 1024 * 1024);
              assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
              assertThat(host.getLogConfig().getType().getType()).isEqualTo("none");
              assertThat(inspect.getConfig().getUser()).isEqualTo("65534:65534");
              assertThat(inspect.getConfig().getLabels())
                  .containsEntry(Labels.MANAGED, "true")
                  .containsEntry(Labels.TOOL, "tool")
                  .containsEntry(Labels.OWNER_PID, Long.toString(ProcessHandle.current().pid()))
                  .containsKeys(Labels.OWNER_HOST, Labels.OWNER_BOOT_ID, Labels.OWNER_START);
              // created within the last minute, with the 60 s timeout and the 5 s kill grace
              java.time.Instant deadline =
                  java.time.Instant.parse(inspect.getConfig().getLabels().get(Labels.DEADLINE));
              assertThat(deadline)
                  .isBetween(
                      java.time.Instant.now().plusSeconds(5),
                      java.time.Instant.now().plusSeconds(66));
            });
    assertThat(result.status()).isEqualTo(ExecutionStatus.CANCELLED);
  }

  @Test
  void theSkillRunsAsNonRootWithoutCapabilitiesOnAReadOnlyRoot() {
    ExecutionResult r =
        runtime.execute(
            request(
                    "whoami",
                    sh(
                        "id -u; id -g; grep CapEff /proc/self/status; grep NoNewPrivs /proc/self/status;"
                            + " touch /probe 2>/dev/null && echo root-writable || echo root-read-only;"
                            + " echo ok > /tmp/x && cat /tmp/x"))
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text())
        .contains("65534\n65534\n")
        .containsPattern("CapEff:\\s+0000000000000000")
        .containsPattern("NoNewPrivs:\\s+1")
        .contains("root-read-only")
        .contains("ok");
  }

  @Test
  void aSkillReadingStdinToTheEndGetsAllOfItAndExits() {
    byte[] input = new byte[300_000];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) ('a' + i % 26);
    }
    ExecutionResult r = runtime.execute(request("stdin", sh("wc -c")).stdin(input).build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text().strip()).isEqualTo("300000");
  }

  @Test
  void aSleepingSkillTimesOutAndItsContainerIsGone() {
    String skill = "sleeper-" + System.nanoTime();
    long start = System.nanoTime();
    ExecutionResult r =
        runtime.execute(
            ExecutionRequest.builder(skill, "tool", sh("sleep 100000").build())
                .limits(Limits.builder().timeout(Duration.ofSeconds(1)).build())
                .build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(r.exitCode()).isEmpty();
    assertThat(r.metadata()).containsEntry("limit", "timeout");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(DockerTestEngine.containersOfSkill(client, skill)).isEmpty();
  }

  /**
   * Closing stdout and stderr ends the output the runtime waits for, but not the program: it must
   * still be stopped at its deadline, not a minute later when the engine's exit report is given up.
   */
  @Test
  void aSkillThatClosesItsOutputAndRunsOnStillTimesOut() {
    String skill = "closer-" + System.nanoTime();
    long start = System.nanoTime();
    ExecutionResult r =
        runtime.execute(
            ExecutionRequest.builder(skill, "tool", sh("exec >&- 2>&-; sleep 100000").build())
                .limits(Limits.builder().timeout(Duration.ofSeconds(2)).build())
                .build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(r.metadata()).containsEntry("limit", "timeout");
    assertThat(took).isLessThan(Duration.ofSeconds(30));
    assertThat(DockerTestEngine.containersOfSkill(client, skill)).isEmpty();
  }

  @Test
  void anOutputFloodIsCappedAndStopsTheContainer() {
    List<byte[]> streamed = new ArrayList<>();
    ExecutionResult r =
        runtime.execute(
            request("flood", sh("yes flood"))
                .overflowAction(OverflowAction.STOP)
                .outputListener((stream, chunk) -> streamed.add(chunk))
                .limits(
                    Limits.builder()
                        .timeout(Duration.ofSeconds(60))
                        .outputPerStream(DataSize.ofKibibytes(64))
                        .build())
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
    assertThat(r.metadata()).containsEntry("limit", "output");
    assertThat(r.stdout().truncated()).isTrue();
    assertThat(r.stdout().size()).isEqualTo(64 * 1024);
    assertThat(r.stdout().text()).startsWith("flood\nflood\n");
    assertThat(streamed.stream().mapToInt(b -> b.length).sum()).isEqualTo(64 * 1024);
  }

  @Test
  void anOomKillIsReportedAsTheMemoryLimit() {
    ExecutionResult r =
        runtime.execute(
            request("hog", sh("x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done"))
                .limits(
                    Limits.builder()
                        .timeout(Duration.ofSeconds(60))
                        .memory(DataSize.ofMebibytes(32))
                        .build())
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
    assertThat(r.metadata()).containsEntry("limit", "memory");
    assertThat(r.message()).contains("memory");
  }

  @Test
  void theProcessLimitBecomesThePidsLimit() {
    ExecutionResult r =
        runtime.execute(
            request("forks", sh("for i in 1 2 3 4 5 6 7 8 9 10; do sleep 5 & done; wait"))
                .limits(Limits.builder().timeout(Duration.ofSeconds(30)).processes(4).build())
                .build());
    assertThat(r.stderr().text()).containsIgnoringCase("resource temporarily unavailable");
  }

  @Test
  void aMissingImageIsAClearErrorNamingIt() {
    ExecutionRequest missing =
        ExecutionRequest.builder(
                "missing", "tool", ContainerSpec.builder("skillrt/not-here:never").build())
            .build();
    assertThatThrownBy(() -> runtime.execute(missing))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("skillrt/not-here:never")
        .hasMessageContaining("not present locally")
        .hasMessageContaining("pull=true");
  }

  @Test
  void aGrantedNetworkIsUsedOnlyWhenTheRequestAllowsIt() throws Exception {
    String network = "skillrt-test-" + System.nanoTime();
    client.createNetworkCmd().withName(network).withDriver("bridge").exec();
    try {
      whileRunning(
          request("net", sh("sleep 100000").network(network)).networkAllowed(true),
          inspect -> assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo(network));
      whileRunning(
          request("net", sh("sleep 100000").network(network)).networkAllowed(false),
          inspect -> assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo("none"));
    } finally {
      client.removeNetworkCmd(network).exec();
    }
  }

  @Test
  void aProjectFolderIsMountedAndReadOnlyMeansReadOnly(@TempDir Path temp) throws Exception {
    Path project = Files.createDirectories(temp.resolve("project"));
    Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(project.resolve("in.txt"), "from the host");
    ExecutionResult rw =
        runtime.execute(
            request("mount", sh("cat /work/in.txt; echo written > /work/out.txt"))
                .mount(new Mount(project, "/work", false))
                .build());
    assertThat(rw.status())
        .as(rw.message() + rw.stderr().text())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(rw.stdout().text()).isEqualTo("from the host");
    assertThat(Files.readString(project.resolve("out.txt"), StandardCharsets.UTF_8))
        .isEqualTo("written\n");

    ExecutionResult ro =
        runtime.execute(
            request("mount", sh("echo nope > /work/out2.txt"))
                .mount(new Mount(project, "/work", true))
                .build());
    assertThat(ro.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ro.stderr().text()).containsIgnoringCase("read-only");
    assertThat(project.resolve("out2.txt")).doesNotExist();
  }

  @Test
  void rootIsDeniedUnlessTheSkillAllowsIt() {
    ExecutionResult denied = runtime.execute(request("root", sh("id -u").user("0")).build());
    assertThat(denied.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(denied.violations()).extracting(Violation::ruleId).contains("docker.user");

    ExecutionResult allowed =
        runtime.execute(
            request("root", sh("id -u; id -g").user("0").option("allow_root", "true")).build());
    assertThat(allowed.status()).as(allowed.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(allowed.stdout().text()).isEqualTo("0\n0\n");
  }

  @Test
  void aBareUidGetsAMatchingGid() {
    ExecutionResult r = runtime.execute(request("uid", sh("id -u; id -g").user("1234")).build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("1234\n1234\n");
  }

  @Test
  void allowListedExtraArgsReachTheContainer() {
    ExecutionResult r =
        runtime.execute(
            request(
                    "extra",
                    sh("echo $MODE; grep -c cache /proc/mounts; ps -o pid,comm | head -2")
                        .extraArgs(
                            List.of(
                                "--init",
                                "-e",
                                "MODE=fast",
                                "--tmpfs",
                                "/cache:size=8m",
                                "--label",
                                "team=search")))
                .build());
    assertThat(r.status()).as(r.message() + r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).startsWith("fast\n1\n");
  }

  @Test
  void aDeniedExtraArgNeverReachesTheEngine() {
    ExecutionResult r =
        runtime.execute(
            request("extra", sh("true").extraArgs(List.of("-v", "/:/host", "--privileged")))
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .extracting(Violation::ruleId)
        .contains("docker.mounts.extra-args", "docker.privileged");
  }
}
