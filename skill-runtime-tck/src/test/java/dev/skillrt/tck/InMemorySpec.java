package dev.skillrt.tck;

import dev.skillrt.api.RuntimeSpec;

/** What an {@link InMemorySkillRuntime} skill does. */
record InMemorySpec(Action action, String argument) implements RuntimeSpec {

  enum Action {
    ECHO,
    PRINT_ENV,
    STDERR,
    EXIT,
    WRITE_STDOUT,
    WRITE_STDERR,
    SLEEP,
    ANNOUNCE_AND_SLEEP,
    SPAWN_AND_SLEEP
  }

  @Override
  public String describe() {
    return action + " " + argument;
  }
}
