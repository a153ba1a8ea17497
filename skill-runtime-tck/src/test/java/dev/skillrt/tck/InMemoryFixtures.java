package dev.skillrt.tck;

import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.tck.InMemorySpec.Action;
import java.util.Optional;

/** The kit's fixtures as {@link InMemorySpec}s: threads instead of processes. */
final class InMemoryFixtures implements KitFixtures {

  @Override
  public RuntimeSpec echoStdin() {
    return new InMemorySpec(Action.ECHO, "");
  }

  @Override
  public RuntimeSpec printEnv(String name) {
    return new InMemorySpec(Action.PRINT_ENV, name);
  }

  @Override
  public RuntimeSpec printToStderr(String text) {
    return new InMemorySpec(Action.STDERR, text);
  }

  @Override
  public RuntimeSpec exitWith(int code) {
    return new InMemorySpec(Action.EXIT, Integer.toString(code));
  }

  @Override
  public RuntimeSpec writeBytes(StreamKind stream, long count) {
    return new InMemorySpec(
        stream == StreamKind.STDOUT ? Action.WRITE_STDOUT : Action.WRITE_STDERR,
        Long.toString(count));
  }

  @Override
  public RuntimeSpec sleepForever() {
    return new InMemorySpec(Action.SLEEP, "");
  }

  @Override
  public RuntimeSpec announceThenSleepForever() {
    return new InMemorySpec(Action.ANNOUNCE_AND_SLEEP, "");
  }

  /** A thread that starts a second thread: the in-memory runtime's children. */
  @Override
  public Optional<RuntimeSpec> spawnChildThatSleepsForever() {
    return Optional.of(new InMemorySpec(Action.SPAWN_AND_SLEEP, ""));
  }
}
