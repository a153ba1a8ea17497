package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import dev.skillrt.runtime.nativeproc.internal.HostFacts;
import dev.skillrt.runtime.nativeproc.internal.LaunchPlan;
import dev.skillrt.runtime.nativeproc.internal.SandboxChoice;
import dev.skillrt.runtime.nativeproc.internal.WorkingFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line a call gets, for the combinations the process tests do not all reach. */
class LaunchPlanTests {

  private static final NativeRuntimeConfig CONFIG = NativeRuntimeConfig.defaults();
  private static final Path PROGRAM = Path.of("/usr/bin/echo");
  private static final WorkingFolder FOLDER =
      new WorkingFolder(Path.of("/tmp/skillrt-native/call-1"), "/tmp/skillrt-native/call-1", true);

  private static HostFacts host(boolean root, boolean pidNamespace) {
    return new HostFacts(root, true, true, true, true, true, pidNamespace, "", Optional.empty());
  }

  private static final String JVM = Long.toString(ProcessHandle.current().pid());

  private static final Path LAUNCHER = Path.of("/tmp/skillrt-native/skillrt-launch-0123");

  private static HostFacts withLauncher(boolean root, boolean pidNamespace) {
    return new HostFacts(
        root, true, true, true, true, true, pidNamespace, "", Optional.of(LAUNCHER));
  }

  private static LaunchPlan plan(ExecutionRequest request, SandboxChoice sandbox, HostFacts host) {
    return LaunchPlan.of(request, request.mounts(), PROGRAM, sandbox, FOLDER, CONFIG, host);
  }

  private static ExecutionRequest request(SandboxMode mode, boolean network, Limits limits) {
    return ExecutionRequest.builder(
            "s",
            "t",
            new CommandSpec("echo", List.of("-n", "; rm -rf /"), List.of("echo"), List.of(), mode))
        .networkAllowed(network)
        .limits(limits)
        .build();
  }

  @Test
  void theProgramAndItsArgumentsComeLastAndWhole() {
    LaunchPlan plan =
        plan(
            request(SandboxMode.NONE, true, Limits.none()), SandboxChoice.NONE, host(false, false));
    assertThat(plan.argv())
        .containsExactly(
            "/usr/bin/setpriv",
            "--pdeathsig=KILL",
            "--",
            "/usr/bin/setsid",
            "--",
            "/usr/bin/prlimit",
            "--core=0:0",
            "--",
            "/usr/bin/echo",
            "-n",
            "; rm -rf /");
    assertThat(plan.rootIsWrapper()).isFalse();
    assertThat(plan.argv()).noneMatch(a -> a.endsWith("/sh") || a.endsWith("/bash"));
  }

  @Test
  void asRootWithoutTheSandboxTheCallGetsAPidNamespaceReaper() {
    LaunchPlan plan =
        plan(request(SandboxMode.NONE, true, Limits.none()), SandboxChoice.NONE, host(true, true));
    assertThat(plan.argv())
        .startsWith(
            "/usr/bin/setpriv",
            "--pdeathsig=KILL",
            "--",
            "/usr/bin/unshare",
            "--pid",
            "--fork",
            "--kill-child",
            "--",
            "/usr/bin/timeout",
            "0");
    assertThat(plan.rootIsWrapper()).isTrue();
  }

  @Test
  void limitsBecomePrlimitOptionsRightBeforeTheProgram() {
    Limits limits =
        Limits.builder()
            .memory(DataSize.ofMebibytes(64))
            .cpuTime(Duration.ofMillis(1500))
            .processes(20)
            .build();
    LaunchPlan plan =
        plan(request(SandboxMode.BWRAP, false, limits), SandboxChoice.BWRAP, host(false, false));
    List<String> argv = plan.argv();
    int prlimit = argv.indexOf("/usr/bin/prlimit");
    assertThat(argv.subList(prlimit, argv.size()))
        .containsExactly(
            "/usr/bin/prlimit",
            "--core=0:0",
            "--as=67108864:67108864",
            "--cpu=2:3",
            "--nproc=20:20",
            "--",
            "/usr/bin/echo",
            "-n",
            "; rm -rf /");
  }

  @Test
  void theSandboxDropsRootAndTheNetworkUnlessGranted() {
    LaunchPlan offline =
        plan(
            request(SandboxMode.BWRAP, false, Limits.none()),
            SandboxChoice.BWRAP,
            host(true, true));
    assertThat(offline.argv())
        .startsWith(
            "/usr/bin/setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            "/usr/bin/bwrap");
    assertThat(offline.argv())
        .contains(
            "--unshare-net",
            "--unshare-pid",
            "--as-pid-1",
            "--die-with-parent",
            "--new-session",
            "--remount-ro");
    // /dev/shm and /tmp are bounded tmpfs, the rest of /dev read-only
    String shown = String.join(" ", offline.argv());
    assertThat(shown)
        .contains("--size 67108864 --perms 1777 --tmpfs /dev/shm --remount-ro /dev")
        .contains("--size 67108864 --perms 1777 --tmpfs /tmp");
    assertThat(offline.argv()).doesNotContain("/etc/shadow");
    LaunchPlan online =
        plan(
            request(SandboxMode.BWRAP, true, Limits.none()), SandboxChoice.BWRAP, host(true, true));
    assertThat(online.argv()).doesNotContain("--unshare-net");
  }

  @Test
  void withoutRootTheCallGetsAUserAndPidNamespaceReaper() {
    LaunchPlan plan =
        plan(request(SandboxMode.NONE, true, Limits.none()), SandboxChoice.NONE, host(false, true));
    assertThat(plan.argv())
        .startsWith(
            "/usr/bin/setpriv",
            "--pdeathsig=KILL",
            "--",
            "/usr/bin/unshare",
            "--user",
            "--map-current-user",
            "--pid",
            "--fork",
            "--kill-child",
            "--",
            "/usr/bin/timeout",
            "0");
    assertThat(plan.rootIsWrapper()).isTrue();
  }

  /**
   * A command line is readable by every local user ({@code /proc/PID/cmdline}): the skill's
   * variables, secrets among them, travel only in the environment the chain starts with.
   */
  @ParameterizedTest
  @CsvSource({
    "NONE,false,false",
    "NONE,true,true",
    "NONE,false,true",
    "BWRAP,true,true",
    "BWRAP,false,false"
  })
  void theSkillsVariablesNeverAppearOnACommandLine(
      SandboxChoice sandbox, boolean root, boolean pidNs) {
    ExecutionRequest request =
        ExecutionRequest.builder(
                "s",
                "t",
                new CommandSpec("echo", List.of(), List.of("echo"), List.of(), SandboxMode.AUTO))
            .environment(Map.of("SKILL_VAR", "skill-value", "PATH", "/skill/bin"))
            .secretValue("skill-value")
            .build();
    LaunchPlan plan = plan(request, sandbox, host(root, pidNs));
    assertThat(plan.environment())
        .containsExactly(
            Map.entry("PATH", "/skill/bin"),
            Map.entry("LANG", "C.UTF-8"),
            Map.entry("HOME", FOLDER.guestPath()),
            Map.entry("SKILL_VAR", "skill-value"));
    assertThat(plan.argv()).noneMatch(a -> a.contains("skill-value") || a.contains("/skill/bin"));
    assertThat(plan.argv()).doesNotContain("--clearenv", "--setenv", "/usr/bin/env");
  }

  // ---- with the launcher -------------------------------------------------------------------

  @Test
  void theLauncherAloneStartsAnUnsandboxedCallInItsOwnPidNamespace() {
    Limits limits = Limits.builder().cpuTime(Duration.ofMillis(1500)).build();
    LaunchPlan asUser =
        plan(
            request(SandboxMode.NONE, true, limits), SandboxChoice.NONE, withLauncher(false, true));
    assertThat(asUser.argv())
        .containsExactly(
            LAUNCHER.toString(),
            "--die-with-parent",
            JVM,
            "--pid-namespace",
            "--map-user",
            "--rlimit",
            "cpu=2:3",
            "--",
            "/usr/bin/echo",
            "-n",
            "; rm -rf /");
    assertThat(asUser.rootIsWrapper()).isTrue();
    LaunchPlan asRoot =
        plan(
            request(SandboxMode.NONE, true, Limits.none()),
            SandboxChoice.NONE,
            withLauncher(true, true));
    assertThat(asRoot.argv())
        .containsExactly(
            LAUNCHER.toString(),
            "--die-with-parent",
            JVM,
            "--pid-namespace",
            "--",
            "/usr/bin/echo",
            "-n",
            "; rm -rf /");
  }

  @Test
  void withoutAPidNamespaceTheLauncherGivesTheProgramASessionAndIsTheProgram() {
    LaunchPlan plan =
        plan(
            request(SandboxMode.NONE, true, Limits.none()),
            SandboxChoice.NONE,
            withLauncher(false, false));
    assertThat(plan.argv())
        .containsExactly(
            LAUNCHER.toString(),
            "--die-with-parent",
            JVM,
            "--setsid",
            "--",
            "/usr/bin/echo",
            "-n",
            "; rm -rf /");
    assertThat(plan.rootIsWrapper()).isFalse();
  }

  @Test
  void inTheSandboxTheLauncherDropsRootAndIsPid1WithTheLimits() {
    Limits limits = Limits.builder().memory(DataSize.ofMebibytes(64)).build();
    LaunchPlan plan =
        plan(
            request(SandboxMode.BWRAP, false, limits),
            SandboxChoice.BWRAP,
            withLauncher(true, true));
    List<String> argv = plan.argv();
    assertThat(argv)
        .startsWith(LAUNCHER.toString(), "--drop", "65534:65534", "--", "/usr/bin/bwrap")
        .doesNotContain("/usr/bin/setpriv", "/usr/bin/timeout", "/usr/bin/prlimit");
    assertThat(String.join(" ", argv))
        .contains("--ro-bind " + LAUNCHER + " /.skillrt-launch")
        .endsWith(
            "-- /.skillrt-launch --init --rlimit as=67108864:67108864 --rlimit nproc=256:256 --"
                + " /usr/bin/echo -n ; rm -rf /");
    LaunchPlan asUser =
        plan(
            request(SandboxMode.BWRAP, false, Limits.none()),
            SandboxChoice.BWRAP,
            withLauncher(false, true));
    assertThat(asUser.argv()).startsWith("/usr/bin/bwrap");
  }
}
