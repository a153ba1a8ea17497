package dev.skillrt.testing;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SettingsTable;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test runtimes' reading of a skill's runtime table: a few string values as they are; a skill
 * with neither a table nor a {@code docker:} source says nothing it can run.
 */
final class TableSettings implements SkillSettings {

  /** The keys read when any key is allowed. */
  private static final List<String> READ = List.of("command", "image", "gpus", "module");

  private final Map<String, String> values;
  private final boolean runnable;
  private final ConfigurationException notRunnable;

  private final boolean argumentsVisibleOnHost;

  private TableSettings(
      Map<String, String> values,
      boolean runnable,
      ConfigurationException notRunnable,
      boolean argumentsVisibleOnHost) {
    this.argumentsVisibleOnHost = argumentsVisibleOnHost;
    this.values = values;
    this.runnable = runnable;
    this.notRunnable = notRunnable;
  }

  static TableSettings read(String runtime, SettingsInput input, List<String> allowedKeys) {
    return read(runtime, input, allowedKeys, true);
  }

  static TableSettings read(
      String runtime,
      SettingsInput input,
      List<String> allowedKeys,
      boolean argumentsVisibleOnHost) {
    SettingsTable t = input.table();
    if (!allowedKeys.isEmpty()) {
      t.checkKeys(allowedKeys);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : allowedKeys.isEmpty() ? READ : allowedKeys) {
      t.stringOrStrings(key).ifPresent(v -> values.put(key, String.join(" ", v)));
    }
    boolean runnable = t.present() || input.source().startsWith("docker:");
    ConfigurationException why =
        new ConfigurationException(
            List.of(
                t.location()
                    .problem(
                        "skill \""
                            + input.skill()
                            + "\" runs on the "
                            + runtime
                            + " runtime but says nothing it can run")));
    return new TableSettings(values, runnable, why, argumentsVisibleOnHost);
  }

  /**
   * The settings of a skill folder's scripts: with {@code programPerCall} (as the native runtime),
   * each call's interpreter becomes {@code command} and may not be written in the table; otherwise
   * (as a container) the call's arguments stay as they are.
   */
  static SkillSettings forScripts(
      String runtime, SettingsInput input, boolean programPerCall, boolean argumentsVisibleOnHost) {
    SettingsTable t = input.table();
    if (programPerCall && t.present() && t.keys().contains("command")) {
      t.problem(
          "command", "command is not written for a skill folder: the interpreter is the program");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : READ) {
      t.stringOrStrings(key).ifPresent(v -> values.put(key, String.join(" ", v)));
    }
    return new SkillSettings() {
      @Override
      public boolean argumentsVisibleOnHost() {
        return argumentsVisibleOnHost;
      }

      @Override
      public RuntimeSpec spec(SpecInput call) {
        List<String> argv = call.arguments();
        if (!programPerCall || argv.isEmpty()) {
          return new TableSpec(values, argv, call.networkAllowed());
        }
        Map<String, String> withProgram = new LinkedHashMap<>(values);
        withProgram.put("command", argv.get(0));
        return new TableSpec(withProgram, argv.subList(1, argv.size()), call.networkAllowed());
      }
    };
  }

  @Override
  public boolean argumentsVisibleOnHost() {
    return argumentsVisibleOnHost;
  }

  @Override
  public RuntimeSpec spec(SpecInput input) {
    if (!runnable) {
      throw notRunnable;
    }
    return new TableSpec(values, input.arguments(), input.networkAllowed());
  }
}
