package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.SandboxMode;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code [skills.NAME.native]} table.
 *
 * @param command {@code command} as written
 * @param program the program the native runtime gets: a path with a slash resolved against the
 *     manifest's folder, a bare name as written (the runtime looks it up on its own search path,
 *     never on the PATH of whoever loads the manifest)
 * @param allowedCommands {@code allowed_commands} (defaults to {@code [command]}), paths with a
 *     slash resolved against the manifest's folder
 * @param envPassthrough {@code env_passthrough}
 * @param sandbox {@code sandbox}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record NativeSettings(
    String command,
    String program,
    List<String> allowedCommands,
    List<String> envPassthrough,
    SandboxMode sandbox) {

  public NativeSettings {
    allowedCommands = List.copyOf(allowedCommands);
    envPassthrough = List.copyOf(envPassthrough);
  }
}
