package com.example.template;

import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import java.time.Duration;
import java.util.List;

/**
 * One call of the template runtime: write the rendered text {@code repeat} times to {@code
 * stream}, wait {@code delay}, then end with {@code exitCode}.
 *
 * @param template what to write
 * @param stream where to write it
 * @param repeat how many times (at least 1)
 * @param delay how long to wait after writing (zero: not at all)
 * @param exitCode 0 for success, otherwise the call fails with it
 * @param arguments the call's arguments, for {@code {{1}}} and {@code {{args}}}
 */
public record TemplateSpec(
    Template template, StreamKind stream, long repeat, Duration delay, int exitCode, List<String> arguments)
    implements RuntimeSpec {

  public TemplateSpec {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
    }
    arguments = List.copyOf(arguments);
  }

  @Override
  public String describe() {
    return "template \"" + template.source() + "\"";
  }
}
