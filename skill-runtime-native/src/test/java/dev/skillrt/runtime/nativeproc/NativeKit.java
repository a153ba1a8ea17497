package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.processesWithEnv;
import static dev.skillrt.runtime.nativeproc.NativeTestSupport.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.tck.SkillRuntimeCompatibilityKit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The contract kit with native fixtures, for one sandbox mode. Every long-running fixture exports
 * a unique mark into its environment, so that afterwards any process of that call still alive
 * can be found in /proc. Not run by itself: its subclasses are.
 */
abstract class NativeKit extends SkillRuntimeCompatibilityKit {

  private static final String MARK = "SKILLRT_TEST_MARK";

  private final SandboxMode mode;
  private final List<String> marks = new CopyOnWriteArrayList<>();

  NativeKit(SandboxMode mode) {
    this.mode = mode;
  }

  @Override
  protected SkillRuntime createRuntime() {
    return NativeTestSupport.runtime();
  }

  @Override
  protected RuntimeSpec echoStdin() {
    return new CommandSpec("/bin/cat", List.of(), List.of("cat"), List.of(), mode);
  }

  @Override
  protected RuntimeSpec printEnv(String name) {
    return new CommandSpec("printenv", List.of(name), List.of("printenv"), List.of(), mode);
  }

  @Override
  protected RuntimeSpec printToStderr(String text) {
    return sh(mode, "printf '%s' \"$1\" >&2", text);
  }

  @Override
  protected RuntimeSpec exitWith(int code) {
    return sh(mode, "exit \"$1\"", Integer.toString(code));
  }

  @Override
  protected RuntimeSpec writeBytes(StreamKind stream, long count) {
    String redirect = stream == StreamKind.STDERR ? " >&2" : "";
    return sh(mode, "head -c \"$1\" /dev/zero" + redirect, Long.toString(count));
  }

  @Override
  protected RuntimeSpec sleepForever() {
    return sh(mode, "export " + MARK + "=\"$1\"; exec sleep 100000", newMark());
  }

  @Override
  protected RuntimeSpec spawnChildThatSleepsForever() {
    return sh(mode, "export " + MARK + "=\"$1\"; sleep 100000 & sleep 100001", newMark());
  }

  @Override
  protected Optional<RuntimeSpec> allocateMemoryForever() {
    return Optional.of(sh(mode, "x=x; while :; do x=\"$x$x\"; done"));
  }

  @Override
  protected void assertNothingLeftRunning(ExecutionResult result) {
    assertThat(result.metadata()).containsEntry("sandbox", mode == SandboxMode.NONE ? "none" : "bwrap");
    for (String mark : marks) {
      assertThat(processesWithEnv(MARK, mark))
          .as("processes of call %s still alive after it ended", mark)
          .isEmpty();
    }
    long pid = Long.parseLong(result.metadata().get("pid"));
    assertThat(ProcessHandle.of(pid)).as("the started process %s is reaped", pid).isEmpty();
  }

  private String newMark() {
    String mark = UUID.randomUUID().toString();
    marks.add(mark);
    return mark;
  }
}
