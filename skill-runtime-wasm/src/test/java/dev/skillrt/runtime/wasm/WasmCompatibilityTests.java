package dev.skillrt.runtime.wasm;

import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.tck.KitFixtures;
import dev.skillrt.tck.SkillRuntimeCompatibilityKit;
import dev.skillrt.tck.StoppedCall;
import java.nio.file.Path;

/** The contract kit against real modules on Chicory. */
class WasmCompatibilityTests extends SkillRuntimeCompatibilityKit {

  @Override
  protected SkillRuntime createRuntime() {
    return new WasmSkillRuntime(
        WasmRuntimeConfig.defaults().withCacheDirectory(Path.of("target", "wasm-cache-tck")));
  }

  @Override
  protected KitFixtures fixtures() {
    return new WasmKitFixtures();
  }

  @Override
  protected int parallelCalls() {
    return 100;
  }

  /** The call's module is off its worker: not listed as running, its worker idle or dead. */
  @Override
  protected void assertNothingLeftRunning(StoppedCall call) {
    CallChecks.assertNothingLeftRunning((WasmSkillRuntime) call.runtime(), call.result());
  }
}
