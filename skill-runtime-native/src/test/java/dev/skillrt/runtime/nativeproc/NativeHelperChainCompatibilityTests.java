package dev.skillrt.runtime.nativeproc;

import dev.skillrt.spi.SkillRuntime;
import java.util.Map;

/**
 * The contract kit against the native runtime without its launcher ({@code launcher = "none"}):
 * calls start through the util-linux helpers, as on a build made without a C compiler.
 */
class NativeHelperChainCompatibilityTests extends NativeKit {

  NativeHelperChainCompatibilityTests() {
    super(SandboxMode.NONE);
  }

  @Override
  protected SkillRuntime createRuntime() {
    return NativeTestSupport.runtime(Map.of("launcher", "none"));
  }
}
