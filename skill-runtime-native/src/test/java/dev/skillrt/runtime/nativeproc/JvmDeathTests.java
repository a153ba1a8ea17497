package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.processesWithEnv;
import static dev.skillrt.runtime.nativeproc.NativeTestSupport.stillThere;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A JVM killed outright (SIGKILL: no shutdown hook, no close) takes its calls along: the first
 * helper of every call dies with the JVM (parent-death signal, bubblewrap's --die-with-parent) and
 * takes the call's PID namespace, and so the whole tree, with it.
 */
class JvmDeathTests {

  static final String MARK = "SKILLRT_DEATH_MARK";

  @ParameterizedTest
  @CsvSource({"NONE,bundled", "BWRAP,bundled", "NONE,none", "BWRAP,none"})
  void aCallDoesNotOutliveItsJvm(SandboxMode mode, String launcher) throws Exception {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    String mark = UUID.randomUUID().toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                classPath,
                CallInChildJvm.class.getName(),
                mode.name(),
                mark,
                launcher)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Map<Long, Long> call = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!runsSleep(call) && System.nanoTime() < deadline && jvm.isAlive()) {
        Thread.sleep(100);
        call = processesWithEnv(MARK, mark);
      }
      assertThat(runsSleep(call)).as("the child JVM started its call").isTrue();

      jvm.destroyForcibly(); // SIGKILL
      assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!stillThere(call).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertThat(stillThere(call)).as("processes of the dead JVM's call").isEmpty();
    } finally {
      jvm.destroyForcibly();
      processesWithEnv(MARK, mark)
          .keySet()
          .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  private static boolean runsSleep(Map<Long, Long> processes) {
    List<String> names = processes.keySet().stream().map(JvmDeathTests::comm).toList();
    return names.contains("sleep");
  }

  private static String comm(long pid) {
    try {
      return java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
