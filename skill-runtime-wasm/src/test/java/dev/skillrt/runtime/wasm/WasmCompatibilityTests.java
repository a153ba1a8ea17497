package dev.skillrt.runtime.wasm;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.tck.SkillRuntimeCompatibilityKit;
import java.nio.file.Path;
import java.util.Optional;

/** The contract kit against real modules on Chicory. */
class WasmCompatibilityTests extends SkillRuntimeCompatibilityKit {

  @Override
  protected SkillRuntime createRuntime() {
    return new WasmSkillRuntime(
        WasmRuntimeConfig.defaults().withCacheDirectory(Path.of("target", "wasm-cache-tck")));
  }

  @Override
  protected RuntimeSpec echoStdin() {
    return Fixtures.skill("echo");
  }

  @Override
  protected RuntimeSpec printEnv(String name) {
    return Fixtures.skill("env", name);
  }

  @Override
  protected RuntimeSpec printToStderr(String text) {
    return Fixtures.skill("stderr", text);
  }

  @Override
  protected RuntimeSpec exitWith(int code) {
    return Fixtures.skill("exit", Integer.toString(code));
  }

  @Override
  protected RuntimeSpec writeBytes(StreamKind stream, long count) {
    return Fixtures.skill("write", stream == StreamKind.STDERR ? "stderr" : "stdout", Long.toString(count));
  }

  @Override
  protected RuntimeSpec sleepForever() {
    return Fixtures.wat("loop");
  }

  /** WASM has no processes: the nearest thing is a module blocked in a WASI sleep. */
  @Override
  protected RuntimeSpec spawnChildThatSleepsForever() {
    return Fixtures.skill("sleep-forever");
  }

  @Override
  protected Optional<RuntimeSpec> allocateMemoryForever() {
    return Optional.of(Fixtures.skill("alloc-forever"));
  }

  @Override
  protected int parallelCalls() {
    return 100;
  }

  /**
   * The call's module is off its worker: the runtime lists it as running no more, and the worker
   * named in the result is dead or idle, with no Chicory frame on its stack.
   */
  @Override
  protected void assertNothingLeftRunning(ExecutionResult result) {
    CallChecks.assertNothingLeftRunning((WasmSkillRuntime) runtime(), result);
  }
}
