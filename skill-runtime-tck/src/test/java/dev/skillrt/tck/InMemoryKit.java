package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.SkillRuntime;
import java.util.Set;

/**
 * The kit run against the in-memory runtime with a given set of flaws. Not run by itself (its
 * name does not end in Tests): {@link CompatibilityKitSelfTests} launches its subclasses.
 */
abstract class InMemoryKit extends SkillRuntimeCompatibilityKit {

  private final Set<InMemorySkillRuntime.Flaw> flaws;

  InMemoryKit(Set<InMemorySkillRuntime.Flaw> flaws) {
    this.flaws = flaws;
  }

  @Override
  protected SkillRuntime createRuntime() {
    return new FlawedFacade(new InMemorySkillRuntime(flaws));
  }

  @Override
  protected RuntimeSpec echoStdin() {
    return new InMemorySpec(InMemorySpec.Action.ECHO, "");
  }

  @Override
  protected RuntimeSpec printEnv(String name) {
    return new InMemorySpec(InMemorySpec.Action.PRINT_ENV, name);
  }

  @Override
  protected RuntimeSpec printToStderr(String text) {
    return new InMemorySpec(InMemorySpec.Action.STDERR, text);
  }

  @Override
  protected RuntimeSpec exitWith(int code) {
    return new InMemorySpec(InMemorySpec.Action.EXIT, Integer.toString(code));
  }

  @Override
  protected RuntimeSpec writeBytes(StreamKind stream, long count) {
    return new InMemorySpec(
        stream == StreamKind.STDOUT
            ? InMemorySpec.Action.WRITE_STDOUT
            : InMemorySpec.Action.WRITE_STDERR,
        Long.toString(count));
  }

  @Override
  protected RuntimeSpec sleepForever() {
    return new InMemorySpec(InMemorySpec.Action.SLEEP, "");
  }

  @Override
  protected RuntimeSpec spawnChildThatSleepsForever() {
    return new InMemorySpec(InMemorySpec.Action.SPAWN_AND_SLEEP, "");
  }

  @Override
  protected void assertNothingLeftRunning(ExecutionResult result) {
    String call = result.metadata().get("call");
    assertThat(call).as("the result names its call").isNotNull();
    for (Thread t : InMemorySkillRuntime.THREADS.getOrDefault(call, Set.of())) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(t.isAlive()).as("thread %s of call %s is still running", t.getName(), call).isFalse();
    }
  }
}
