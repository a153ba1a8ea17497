package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.processesWithEnv;
import static dev.skillrt.runtime.nativeproc.NativeTestSupport.stillThere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.nativeproc.internal.HostFacts;
import dev.skillrt.runtime.nativeproc.internal.WorkingFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime's own defences: the helper chain (some of it root) never sees the skill's environment
 * and loader variables are refused; an unprivileged call cannot leave a process behind by changing
 * session; host paths no skill may have are refused; the work root is the JVM user's own.
 */
class HardeningTests {

  private static final NativeSkillRuntime RUNTIME = NativeTestSupport.runtime();

  @AfterAll
  static void close() {
    RUNTIME.close();
  }

  // ---- environment --------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LD_PRELOAD",
        "LD_LIBRARY_PATH",
        "LD_AUDIT",
        "GCONV_PATH",
        "LOCPATH",
        "NLSPATH",
        "HOSTALIASES",
        "RESOLV_HOST_CONF",
        "GLIBC_TUNABLES",
        "MALLOC_CHECK_",
        "MALLOC_ARENA_MAX",
        "BASH_ENV",
        "ENV",
        "SHELLOPTS",
        "BASHOPTS"
      })
  void loaderVariablesAreDeniedBeforeAnythingStarts(String name, @TempDir Path dir) {
    Path ran = dir.resolve("ran");
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder(
                    "s",
                    "t",
                    NativeTestSupport.sh(SandboxMode.NONE, "touch \"$1\"", ran.toString()))
                .environment(Map.of(name, dir.resolve("evil.so").toString()))
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("native.env");
    assertThat(r.message()).contains(name);
    assertThat(ran).as("nothing ran").doesNotExist();
  }

  @Test
  void malformedNamesNulValuesAndLoaderPassthroughAreDenied() {
    for (ExecutionRequest bad :
        List.of(
            request(Map.of("A=B", "x"), List.of()),
            request(Map.of("1ABC", "x"), List.of()),
            request(Map.of("OK", "a\0b"), List.of()),
            request(Map.of("LANGUAGE", "../../tmp/evil"), List.of()),
            request(Map.of("LC_MESSAGES", "/tmp/evil"), List.of()),
            request(Map.of(), List.of("LD_PRELOAD")))) {
      ExecutionResult r = RUNTIME.execute(bad);
      assertThat(r.status()).as(bad.environment().toString()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("native.env");
    }
    assertThat(RUNTIME.execute(request(Map.of("_Ok_1", "x=y"), List.of())).status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  private static ExecutionRequest request(Map<String, String> env, List<String> passthrough) {
    return ExecutionRequest.builder(
            "s",
            "t",
            new CommandSpec(
                "/usr/bin/true", List.of(), List.of("true"), passthrough, SandboxMode.NONE))
        .environment(env)
        .build();
  }

  /**
   * A command line is readable by every local user in {@code /proc/PID/cmdline}: while a call runs,
   * no process on the host has one of the skill's variables, or a host variable passed through to
   * it, on its command line; they travel in the environment, which only the process's own user can
   * read.
   */
  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void noCommandLineHoldsTheSkillsVariables(SandboxMode mode) throws Exception {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    String mark = UUID.randomUUID().toString();
    Limits limits = Limits.builder().memory(dev.skillrt.api.DataSize.ofMebibytes(512)).build();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(
            () ->
                RUNTIME.execute(
                    ExecutionRequest.builder(
                            "s",
                            "t",
                            new CommandSpec(
                                "/bin/sleep",
                                List.of("30"),
                                List.of("sleep"),
                                List.of("AWS_SECRET_ACCESS_KEY"),
                                mode))
                        .environment(Map.of("SKILLRT_HELPER_MARK", mark))
                        .secretValue(mark)
                        .limits(limits)
                        .networkAllowed(mode == SandboxMode.NONE)
                        .cancellation(cancellation)
                        .build()));
    Map<Long, Long> holders = Map.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (holders.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      holders = processesWithEnv("SKILLRT_HELPER_MARK", mark);
    }
    Thread.sleep(300);
    List<String> onCommandLines = commandLinesHolding(mark);
    List<String> passedThrough = commandLinesHolding("tck-secret");
    List<String> names =
        processesWithEnv("SKILLRT_HELPER_MARK", mark).keySet().stream()
            .map(HardeningTests::comm)
            .toList();
    cancellation.cancel();
    call.get(10, TimeUnit.SECONDS);
    assertThat(names).as("the program has its variable").contains("sleep");
    assertThat(onCommandLines).as("command lines holding the skill's variable").isEmpty();
    assertThat(passedThrough).as("command lines holding a passed-through variable").isEmpty();
  }

  /** The command lines on the host that hold a text (NUL separators shown as spaces). */
  private static List<String> commandLinesHolding(String text) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : dirs) {
        try {
          String line =
              new String(
                      Files.readAllBytes(dir.resolve("cmdline")),
                      java.nio.charset.StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          if (line.contains(text)) {
            out.add(dir.getFileName() + ": " + line);
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    }
    return out;
  }

  private final dev.skillrt.api.Cancellation cancellation = dev.skillrt.api.Cancellation.create();

  private static String comm(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  // ---- an unprivileged call's escaping grandchild ---------------------------------------------

  /**
   * The launch a non-root JVM gets (a user + PID namespace of its own, probed with a trial run): a
   * grandchild that calls setsid and is reparented to init still dies with the call.
   */
  @Test
  void anUnprivilegedCallsSessionLeavingGrandchildIsReaped() throws Exception {
    NativeRuntimeConfig config = NativeRuntimeConfig.defaults();
    HostFacts real = HostFacts.probe(config);
    HostFacts notRoot =
        new HostFacts(
            false,
            real.bwrap(),
            real.prlimit(),
            real.setsid(),
            real.setpriv(),
            real.timeout(),
            true,
            real.sandboxTrial(),
            real.launcher());
    Assumptions.assumeTrue(real.pidNamespaceReaper(), "unshare cannot make a PID namespace here");
    String mark = UUID.randomUUID().toString();
    try (NativeSkillRuntime runtime = new NativeSkillRuntime(config, notRoot)) {
      ExecutionResult r =
          runtime.execute(
              ExecutionRequest.builder(
                      "s",
                      "t",
                      NativeTestSupport.sh(
                          SandboxMode.NONE,
                          "(setsid sh -c 'exec sleep 123' </dev/null >/dev/null 2>&1 &); sleep 30"))
                  .environment(Map.of("SKILLRT_ESCAPE_MARK", mark))
                  .limits(Limits.builder().timeout(Duration.ofSeconds(2)).build())
                  .build());
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
      Map<Long, Long> left = processesWithEnv("SKILLRT_ESCAPE_MARK", mark);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!stillThere(left).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertThat(stillThere(left)).as("processes of the call left running").isEmpty();
    }
  }

  /**
   * The fallback when no PID namespace can be had at all (plain setsid): descendants are recorded
   * while the call runs, so one that lived under the call and later left its session and was
   * reparented is still stopped.
   */
  @Test
  void withoutAnyPidNamespaceATrackedDescendantThatLeftTheSessionIsStopped() throws Exception {
    NativeRuntimeConfig config = NativeRuntimeConfig.defaults();
    HostFacts real = HostFacts.probe(config);
    HostFacts bare =
        new HostFacts(
            false,
            real.bwrap(),
            real.prlimit(),
            real.setsid(),
            real.setpriv(),
            real.timeout(),
            false,
            real.sandboxTrial(),
            real.launcher());
    String mark = UUID.randomUUID().toString();
    try (NativeSkillRuntime runtime = new NativeSkillRuntime(config, bare)) {
      ExecutionResult r =
          runtime.execute(
              ExecutionRequest.builder(
                      "s",
                      "t",
                      NativeTestSupport.sh(
                          SandboxMode.NONE,
                          "(setsid sleep 125 </dev/null >/dev/null 2>&1 & sleep 1) & sleep 30"))
                  .environment(Map.of("SKILLRT_ESCAPE_MARK", mark))
                  .limits(Limits.builder().timeout(Duration.ofSeconds(3)).build())
                  .build());
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
      Map<Long, Long> left = processesWithEnv("SKILLRT_ESCAPE_MARK", mark);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (!stillThere(left).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertThat(stillThere(left)).as("processes of the call left running").isEmpty();
    }
  }

  // ---- mounts -------------------------------------------------------------------------------

  @Test
  void hostPathsNoSkillMayHaveAreDenied(@TempDir Path dir) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.createDirectory(home.resolve(".ssh"));
    Path aws = Files.createDirectories(dir.resolve("x/.aws/sub"));
    Path sock = Files.createFile(dir.resolve("docker.sock"));
    Path linkToEtc = Files.createSymbolicLink(dir.resolve("etc-link"), Path.of("/etc"));
    for (Mount bad :
        List.of(
            new Mount(Path.of("/"), "/host", false),
            new Mount(Path.of("/"), "/host", true),
            Mount.readWrite(Path.of("/etc")),
            Mount.readWrite(Path.of("/usr/lib")),
            Mount.readWrite(Path.of("/var")),
            Mount.readOnly(Path.of("/var/run/docker.sock")),
            Mount.readOnly(sock),
            Mount.readOnly(home),
            Mount.readOnly(aws),
            Mount.readWrite(linkToEtc),
            Mount.readOnly(Path.of("/usr/../var/lib/docker")))) {
      ExecutionResult r =
          RUNTIME.execute(
              ExecutionRequest.builder(
                      "s",
                      "t",
                      new CommandSpec(
                          "/usr/bin/true", List.of(), List.of("true"), List.of(), SandboxMode.NONE))
                  .mount(bad)
                  .build());
      assertThat(r.status()).as(bad.toString()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations())
          .as(bad.toString())
          .extracting(Violation::ruleId)
          .contains("native.mounts");
    }
    for (Mount fine :
        List.of(
            Mount.readOnly(Path.of("/etc")),
            Mount.readOnly(Path.of("/usr")),
            Mount.readWrite(Files.createDirectories(dir.resolve("data"))))) {
      ExecutionResult r =
          RUNTIME.execute(
              ExecutionRequest.builder(
                      "s",
                      "t",
                      new CommandSpec(
                          "/usr/bin/true", List.of(), List.of("true"), List.of(), SandboxMode.NONE))
                  .mount(fine)
                  .build());
      assertThat(r.status()).as(fine + ": " + r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  // ---- the work root ------------------------------------------------------------------------

  @Test
  void aFreshWorkRootIsTheJvmUsersWithMode0711(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("work");
    WorkingFolder f = WorkingFolder.create(root, Optional.empty(), List.of(), Optional.empty());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwx--x--x");
    assertThat(f.hostPath().getParent()).isEqualTo(root);
    f.deleteIfTemporary();
  }

  @Test
  void anUnsafeWorkRootIsRefused(@TempDir Path dir) throws IOException {
    Path target = Files.createDirectory(dir.resolve("target"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertThatThrownBy(
            () -> WorkingFolder.create(link, Optional.empty(), List.of(), Optional.empty()))
        .hasMessageContaining("symbolic link");

    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(
            () -> WorkingFolder.create(open, Optional.empty(), List.of(), Optional.empty()))
        .hasMessageContaining("writable by group or others");

    if (NativeTestSupport.runningAsRoot()) {
      Path foreign = Files.createDirectory(dir.resolve("foreign"));
      Files.setAttribute(foreign, "unix:uid", 65534);
      assertThatThrownBy(
              () -> WorkingFolder.create(foreign, Optional.empty(), List.of(), Optional.empty()))
          .hasMessageContaining("belongs to uid 65534");
    }
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void theCallFolderIsHandedToTheSandboxUserWithoutFollowingLinks(@TempDir Path dir)
      throws IOException {
    Assumptions.assumeTrue(NativeTestSupport.runningAsRoot(), "only root can hand a folder over");
    WorkingFolder f =
        WorkingFolder.create(
            dir.resolve("work"),
            Optional.empty(),
            List.of(),
            Optional.of(new int[] {65534, 65534}));
    assertThat(Files.getAttribute(f.hostPath(), "unix:uid")).isEqualTo(65534);
    assertThat(Files.getAttribute(dir.resolve("work"), "unix:uid")).isEqualTo(0);
    f.deleteIfTemporary();
  }
}
