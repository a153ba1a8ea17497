package dev.skillrt.runtime.wasm;

import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.tck.KitFixtures;
import java.util.Optional;

/** The kit's fixtures as committed WASM modules: the C skill's commands and two WAT modules. */
final class WasmKitFixtures implements KitFixtures {

  @Override
  public RuntimeSpec echoStdin() {
    return Fixtures.skill("echo");
  }

  @Override
  public RuntimeSpec printEnv(String name) {
    return Fixtures.skill("env", name);
  }

  @Override
  public RuntimeSpec printToStderr(String text) {
    return Fixtures.skill("stderr", text);
  }

  @Override
  public RuntimeSpec exitWith(int code) {
    return Fixtures.skill("exit", Integer.toString(code));
  }

  @Override
  public RuntimeSpec writeBytes(StreamKind stream, long count) {
    return Fixtures.skill(
        "write", stream == StreamKind.STDERR ? "stderr" : "stdout", Long.toString(count));
  }

  @Override
  public RuntimeSpec sleepForever() {
    return Fixtures.wat("loop");
  }

  @Override
  public RuntimeSpec announceThenSleepForever() {
    return Fixtures.wat("announce");
  }

  /** WASM has no processes: the nearest thing is a module blocked in a WASI sleep. */
  @Override
  public Optional<RuntimeSpec> spawnChildThatSleepsForever() {
    return Optional.of(Fixtures.skill("sleep-forever"));
  }

  @Override
  public Optional<RuntimeSpec> allocateMemoryForever() {
    return Optional.of(Fixtures.skill("alloc-forever"));
  }
}
