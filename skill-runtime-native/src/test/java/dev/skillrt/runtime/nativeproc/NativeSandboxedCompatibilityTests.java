package dev.skillrt.runtime.nativeproc;

import dev.skillrt.spi.SkillRuntime;

/** The contract kit against the native runtime inside the bubblewrap sandbox. */
class NativeSandboxedCompatibilityTests extends NativeKit {

  NativeSandboxedCompatibilityTests() {
    super(SandboxMode.BWRAP);
  }

  @Override
  protected SkillRuntime createRuntime() {
    NativeTestSupport.requireSandbox();
    return super.createRuntime();
  }
}
