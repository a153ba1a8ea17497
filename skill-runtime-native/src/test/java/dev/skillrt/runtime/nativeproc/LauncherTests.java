package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.processesWithEnv;
import static dev.skillrt.runtime.nativeproc.NativeTestSupport.stillThere;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.runtime.nativeproc.internal.HostFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The call launcher ({@code src/main/c/skillrt-launch.c}) run on its own, the way the runtime runs
 * it: exit statuses, PID 1 and its orphans, signals, limits, dropping root, dying with its parent,
 * and its refusals.
 */
class LauncherTests {

  private static final String MARK = "SKILLRT_LAUNCHER_MARK";
  private static Path launcher;

  @BeforeAll
  static void findLauncher() {
    Optional<Path> found = HostFacts.probe(NativeRuntimeConfig.defaults()).launcher();
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true: the native runtime was built without a working launcher (is gcc installed?)");
    }
    Assumptions.assumeTrue(
        found.isPresent(),
        "NOTE: no launcher in this build (no C compiler): launcher tests skipped");
    launcher = found.get();
  }

  private record Run(int exit, String out) {}

  private static Run run(Map<String, String> env, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(launcher.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static Run run(String... args) throws Exception {
    return run(Map.of(), args);
  }

  @ParameterizedTest
  @CsvSource({"--pid-namespace", "--setsid", "--init"})
  void theProgramsExitStatusAndSignalComeBack(String mode) throws Exception {
    assertThat(run(mode, "--", "/bin/sh", "-c", "exit 7").exit()).isEqualTo(7);
    assertThat(run(mode, "--", "/bin/sh", "-c", "kill -TERM $$").exit()).isEqualTo(128 + 15);
    assertThat(run(mode, "--", "/bin/sh", "-c", "echo out; echo err >&2").out())
        .contains("out")
        .contains("err");
  }

  @Test
  void inItsPidNamespaceTheProgramIsPid2AndNothingOutlivesIt() throws Exception {
    String mark = UUID.randomUUID().toString();
    Run r =
        run(
            Map.of(MARK, mark),
            "--die-with-parent",
            Long.toString(ProcessHandle.current().pid()),
            "--pid-namespace",
            "--",
            "/bin/sh",
            "-c",
            "echo $$; (setsid sleep 300 </dev/null >/dev/null 2>&1 &); sleep 0.2; exit 0");
    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo("2");
    assertThat(gone(processesWithEnv(MARK, mark))).as("a process that left the session").isTrue();
  }

  @Test
  void pid1PassesSigtermToTheProgram() throws Exception {
    Process p =
        new ProcessBuilder(
                launcher.toString(),
                "--pid-namespace",
                "--",
                "/bin/sh",
                "-c",
                "trap 'echo got TERM; exit 3' TERM; echo ready; while :; do sleep 0.05; done")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    byte[] ready = p.getInputStream().readNBytes(6);
    assertThat(new String(ready, StandardCharsets.UTF_8)).isEqualTo("ready\n");
    ProcessHandle init = p.toHandle().children().findFirst().orElseThrow();
    init.destroy(); // SIGTERM to PID 1, from outside its namespace
    String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(rest).contains("got TERM");
    assertThat(p.exitValue()).isEqualTo(3);
  }

  @Test
  void limitsBindTheProgram() throws Exception {
    Run r =
        run(
            "--pid-namespace",
            "--rlimit",
            "cpu=3:4",
            "--rlimit",
            "fsize=1048576:1048576",
            "--rlimit",
            "nproc=77:77",
            "--rlimit",
            "as=1073741824:1073741824",
            "--",
            "/bin/sh",
            "-c",
            "ulimit -t; ulimit -H -t; ulimit -f; ulimit -p; ulimit -v");
    assertThat(r.out().strip().split("\\s+")).containsExactly("3", "4", "2048", "77", "1048576");
  }

  @Test
  void whenItsParentDiesTheWholeCallDies() throws Exception {
    String mark = UUID.randomUUID().toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                "/bin/sh",
                "-c",
                "\"$1\" --die-with-parent $$ --pid-namespace -- /bin/sleep 300 & exec /bin/sleep 300",
                "sh",
                launcher.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true);
    pb.environment().put(MARK, mark);
    Process parent = pb.start();
    try {
      Map<Long, Long> call = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (call.size() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(50);
        call = processesWithEnv(MARK, mark); // the parent, the launcher, PID 1, the program
      }
      assertThat(call).hasSize(4);
      parent.destroyForcibly();
      parent.waitFor(10, TimeUnit.SECONDS);
      assertThat(gone(call)).as("the launcher and its call after their parent died").isTrue();
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void asRootItDropsToTheSandboxUserWithNoGroups() throws Exception {
    Assumptions.assumeTrue(HostFacts.probe(NativeRuntimeConfig.defaults()).root(), "needs root");
    Run r = run("--drop", "65534:65534", "--", "/bin/sh", "-c", "id -u; id -g; id -G");
    assertThat(r.out().strip().split("\\s+")).containsExactly("65534", "65534", "65534");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--rlimit|stack=1:2|--rlimit: unknown resource",
        "--rlimit|cpu=5:2|SOFT <= HARD",
        "--rlimit|cpu=-1:2|SOFT <= HARD",
        "--drop|0:0|--drop takes UID:GID of an unprivileged user",
        "--frobnicate|x|unknown option --frobnicate",
        "--|sh|the absolute path of the program",
        "--drop|4294967295:4294967295|--drop takes UID:GID of an unprivileged user",
        "--drop|65534:65534junk|--drop takes UID:GID of an unprivileged user",
        "--rlimit|cpu=1:2xyz|SOFT <= HARD",
        "--rlimit|as=1:99999999999999999999999|SOFT <= HARD",
        "--die-with-parent|x|--die-with-parent takes the pid of the parent",
      })
  void badOptionsAreRefusedWithALine(String option, String value, String message) throws Exception {
    Run r = run(option, value, "--", "/bin/true");
    assertThat(r.exit()).isEqualTo(125);
    assertThat(r.out()).startsWith("skillrt-launch: ").contains(message);
  }

  /** Its parent died before it could arm the death signal: it runs nothing. */
  @Test
  void aLauncherWhoseParentIsNotTheJvmNamedEndsAtOnce() throws Exception {
    Run r = run("--die-with-parent", "1", "--", "/bin/echo", "ran");
    assertThat(r.exit()).isEqualTo(125);
    assertThat(r.out()).doesNotContain("ran");
  }

  /** A core dump would carry the call's memory, its secrets among them, out of the call. */
  @ParameterizedTest
  @CsvSource({"--pid-namespace", "--setsid"})
  void theProgramNeverDumpsCore(String mode) throws Exception {
    Run r = run(mode, "--", "/bin/sh", "-c", "ulimit -c; ulimit -H -c");
    assertThat(r.out().strip().split("\\s+")).containsExactly("0", "0");
  }

  /** A terminal's hang-up or quit is for the call: the launcher waiting for it stays. */
  @Test
  void theLauncherWaitingForTheCallIgnoresHangUpAndQuit() throws Exception {
    Process p =
        new ProcessBuilder(
                launcher.toString(),
                "--pid-namespace",
                "--",
                "/bin/sh",
                "-c",
                "trap '' HUP QUIT; echo ready; sleep 0.5; echo done")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    assertThat(new String(p.getInputStream().readNBytes(6), StandardCharsets.UTF_8))
        .isEqualTo("ready\n");
    for (String signal : List.of("HUP", "QUIT")) {
      new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    }
    String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(rest).contains("done");
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void aProgramThatCannotRunSaysSo() throws Exception {
    Run missing = run("--pid-namespace", "--", "/nonexistent/program");
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(missing.out()).contains("cannot run /nonexistent/program");
    Run notExecutable = run("--", "/etc/hostname");
    assertThat(notExecutable.exit()).isEqualTo(126);
  }

  private static boolean gone(Map<Long, Long> processes) throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!stillThere(processes).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    return stillThere(processes).isEmpty();
  }
}
