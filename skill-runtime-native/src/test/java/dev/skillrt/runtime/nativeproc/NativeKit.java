package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.tck.*;

/** The contract kit with shell fixtures in one sandbox mode: no process keeps the call's mark. */
abstract class NativeKit extends SkillRuntimeCompatibilityKit {
  private final SandboxMode mode;

  NativeKit(SandboxMode mode) {
    this.mode = mode;
  }

  @Override
  protected SkillRuntime createRuntime() {
    return NativeTestSupport.runtime();
  }

  @Override
  protected KitFixtures fixtures() {
    return (ShellFixtures) script -> NativeTestSupport.sh(mode, script);
  }

  @Override
  protected void assertNothingLeftRunning(StoppedCall call) {
    assertThat(call.result().metadata())
        .containsEntry("sandbox", mode.name().toLowerCase(java.util.Locale.ROOT));
    assertThat(NativeTestSupport.processesWithEnv(StoppedCall.MARK_VARIABLE, call.mark()))
        .isEmpty();
    long pid = Long.parseLong(call.result().metadata().get("pid"));
    assertThat(ProcessHandle.of(pid)).as("the started process %s is reaped", pid).isEmpty();
  }
}
