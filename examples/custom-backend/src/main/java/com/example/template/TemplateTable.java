package com.example.template;

import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SettingsTable;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.time.Duration;
import java.util.List;

/**
 * Reads a skill's {@code [skills.NAME.template]} table:
 *
 * <pre>{@code
 * [skills.greeter.template]
 * text = "Hello, {{1}}!\n"   # required: see Template for the placeholders
 * stream = "stdout"          # or "stderr"
 * exit-code = 0              # 0..255; not 0: the call fails with it
 * repeat = 1                 # write the text this many times
 * delay = "0s"               # wait this long after writing
 * }</pre>
 *
 * Every problem is reported at its key, with "did you mean" for a misspelt key.
 */
final class TemplateTable {

  static final List<String> KEYS = List.of("text", "stream", "exit-code", "repeat", "delay");

  private TemplateTable() {}

  static SkillSettings read(SettingsInput input) {
    SettingsTable table = input.table();
    table.checkKeys(KEYS);
    String text =
        table.requiredString("text", "the text the skill answers with, e.g. text = \"Hello, {{1}}!\"");
    Template template;
    try {
      template = Template.parse(text);
    } catch (IllegalArgumentException e) {
      table.problem("text", e.getMessage());
      template = Template.literal(text);
    }
    StreamKind stream = table.choice("stream", StreamKind.class).orElse(StreamKind.STDOUT);
    int exitCode = table.integer("exit-code", 0, 255).orElse(0);
    int repeat = table.integer("repeat", 1, 1_000_000).orElse(1);
    Duration delay = table.duration("delay").orElse(Duration.ZERO);
    Template parsed = template;
    return new SkillSettings() {
      @Override
      public TemplateSpec spec(SpecInput call) {
        return new TemplateSpec(parsed, stream, repeat, delay, exitCode, call.arguments());
      }

      @Override
      public boolean argumentsVisibleOnHost() {
        return false; // they never leave the JVM
      }
    };
  }
}
