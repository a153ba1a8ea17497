package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.runtime.nativeproc.CommandSpec;
import dev.skillrt.runtime.nativeproc.SandboxMode;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SettingsTable;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code [skills.NAME.native]} into {@link NativeSettings}, every problem located. */
public final class NativeTableReader {

  /** The keys of the table. */
  public static final List<String> KEYS =
      List.of("command", "allowed_commands", "env_passthrough", "sandbox");

  private NativeTableReader() {}

  public static NativeSettings read(SettingsInput input) {
    SettingsTable t = input.table();
    t.checkKeys(KEYS);
    Optional<String> program = Optional.empty();
    List<String> allowedPrograms = new ArrayList<>();
    List<String> passthrough = List.of();
    SandboxMode sandbox = SandboxMode.AUTO;
    if (t.present()) {
      String command = t.requiredString("command", "name the program, e.g. command = \"git\"");
      List<String> allowed = t.strings("allowed_commands").orElse(List.of(command));
      passthrough = t.strings("env_passthrough").orElse(List.of());
      sandbox = t.choice("sandbox", SandboxMode.class).orElse(SandboxMode.AUTO);
      if (!command.isEmpty()) {
        program = programPath(t, "command", command);
        for (String a : allowed) {
          programPath(t, "allowed_commands", a).ifPresent(allowedPrograms::add);
        }
      }
    }
    return new NativeSettings(
        program, allowedPrograms, passthrough, sandbox, t.location(), input.skill());
  }

  /**
   * Reads the table of a skill whose calls run {@code INTERPRETER SCRIPT ARGS...}: the interpreter
   * is each call's program, and the allowed interpreters are its allow-list; the table may set
   * {@code env_passthrough} and {@code sandbox}, but never the program.
   */
  public static SkillSettings readScripts(SettingsInput input, List<String> interpreters) {
    SettingsTable t = input.table();
    for (String key : List.of("command", "allowed_commands")) {
      if (t.present() && t.keys().contains(key)) {
        t.problem(
            key,
            key
                + " is not written for a skill folder: each script runs with the interpreter its #!"
                + " line or extension names, allowed by interpreters in [agent_skills]; remove it");
      }
    }
    t.checkKeys(KEYS);
    List<String> passthrough =
        t.present() ? t.strings("env_passthrough").orElse(List.of()) : List.of();
    SandboxMode sandbox =
        t.present()
            ? t.choice("sandbox", SandboxMode.class).orElse(SandboxMode.AUTO)
            : SandboxMode.AUTO;
    NativeSettings base =
        new NativeSettings(
            Optional.empty(), interpreters, passthrough, sandbox, t.location(), input.skill());
    return new ScriptCommand(base);
  }

  /** Each call's first argument is its program: an interpreter of the allow-list. */
  private record ScriptCommand(NativeSettings base) implements SkillSettings {
    @Override
    public RuntimeSpec spec(SpecInput input) {
      List<String> argv = input.arguments();
      if (argv.isEmpty()) {
        return base.spec(input); // says that nothing names a program
      }
      return new CommandSpec(
          argv.get(0),
          argv.subList(1, argv.size()),
          base.allowedCommands(),
          base.envPassthrough(),
          base.sandbox());
    }
  }

  /**
   * A program as the native runtime gets it: a path with a slash is resolved against the manifest's
   * folder; a bare name is left as it is, for the runtime to look up on its own search path (never
   * on the loader's PATH, which a local user may control).
   */
  private static Optional<String> programPath(SettingsTable t, String key, String program) {
    if (!program.contains("/")) {
      return Optional.of(program);
    }
    return t.resolve(key, program).map(Path::toString);
  }
}
