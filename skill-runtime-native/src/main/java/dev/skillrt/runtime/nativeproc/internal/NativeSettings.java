package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Location;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.runtime.nativeproc.CommandSpec;
import dev.skillrt.runtime.nativeproc.SandboxMode;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.util.List;
import java.util.Optional;

/**
 * A skill's {@code [skills.NAME.native]} table as the native runtime reads it (see {@link
 * NativeTableReader}).
 *
 * @param program the program the native runtime gets: a path with a slash resolved against the
 *     manifest's folder, a bare name as written (the runtime looks it up on its own search path,
 *     never on the PATH of whoever loads the manifest); empty when the skill names none
 * @param allowedCommands {@code allowed_commands} (defaults to {@code [command]}), paths with a
 *     slash resolved against the manifest's folder
 * @param envPassthrough {@code env_passthrough}
 * @param sandbox {@code sandbox}
 * @param location where the table (or, without one, the skill) is written
 * @param skill the skill's name, for messages
 */
public record NativeSettings(
    Optional<String> program,
    List<String> allowedCommands,
    List<String> envPassthrough,
    SandboxMode sandbox,
    Location location,
    String skill)
    implements SkillSettings {

  public NativeSettings {
    allowedCommands = List.copyOf(allowedCommands);
    envPassthrough = List.copyOf(envPassthrough);
  }

  @Override
  public RuntimeSpec spec(SpecInput input) {
    String prog =
        program.orElseThrow(
            () ->
                new ConfigurationException(
                    List.of(
                        location.problem(
                            "skill \""
                                + skill
                                + "\" runs on the native runtime but says nothing it can"
                                + " run; add [skills."
                                + skill
                                + ".native] with command = \"...\""))));
    return new CommandSpec(prog, input.arguments(), allowedCommands, envPassthrough, sandbox);
  }
}
