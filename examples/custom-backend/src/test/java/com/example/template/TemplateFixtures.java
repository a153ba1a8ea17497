package com.example.template;

import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.tck.KitFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The kit's fixtures as templates. A template call starts nothing of its own: no children. */
final class TemplateFixtures implements KitFixtures {

  private static final Duration FOREVER = Duration.ofDays(1);

  private static RuntimeSpec spec(Template t, StreamKind stream, long repeat, Duration delay, int exit) {
    return new TemplateSpec(t, stream, repeat, delay, exit, List.of());
  }

  @Override
  public RuntimeSpec echoStdin() {
    return spec(Template.parse("{{stdin}}"), StreamKind.STDOUT, 1, Duration.ZERO, 0);
  }

  @Override
  public RuntimeSpec printEnv(String name) {
    return spec(Template.parse("{{env." + name + "}}\n"), StreamKind.STDOUT, 1, Duration.ZERO, 0);
  }

  @Override
  public RuntimeSpec printToStderr(String text) {
    return spec(Template.literal(text), StreamKind.STDERR, 1, Duration.ZERO, 0);
  }

  @Override
  public RuntimeSpec exitWith(int code) {
    return spec(Template.literal(""), StreamKind.STDOUT, 1, Duration.ZERO, code);
  }

  @Override
  public RuntimeSpec writeBytes(StreamKind stream, long count) {
    return spec(Template.literal("x"), stream, count, Duration.ZERO, 0);
  }

  @Override
  public RuntimeSpec sleepForever() {
    return spec(Template.literal(""), StreamKind.STDOUT, 1, FOREVER, 0);
  }

  @Override
  public RuntimeSpec announceThenSleepForever() {
    return spec(Template.literal("started\n"), StreamKind.STDOUT, 1, FOREVER, 0);
  }

  @Override
  public Optional<RuntimeSpec> spawnChildThatSleepsForever() {
    return Optional.empty();
  }
}
