package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.SandboxMode;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code [skills.NAME.native]} table.
 *
 * @param command {@code command} as written
 * @param resolvedCommand the absolute path it resolved to when the manifest was loaded
 * @param allowedCommands {@code allowed_commands} (defaults to {@code [command]})
 * @param envPassthrough {@code env_passthrough}
 * @param sandbox {@code sandbox}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record NativeSettings(
    String command,
    String resolvedCommand,
    List<String> allowedCommands,
    List<String> envPassthrough,
    SandboxMode sandbox) {

  public NativeSettings {
    allowedCommands = List.copyOf(allowedCommands);
    envPassthrough = List.copyOf(envPassthrough);
  }
}
