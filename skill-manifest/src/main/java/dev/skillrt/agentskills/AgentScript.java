package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Location;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One file directly under a skill's {@code scripts/} folder, served as a tool.
 *
 * @param tool the tool name: the file name without its extension, characters outside {@code
 *     [A-Za-z0-9_-]} replaced by {@code _}
 * @param relativePath the file's path inside the skill folder, such as {@code scripts/run.py}
 * @param file the file's absolute path
 * @param interpreter the allowed interpreter that runs it (from its {@code #!} line, else its
 *     extension); empty when none may, see {@link #refusal()}
 * @param refusal why no allowed interpreter may run it; empty when one may
 * @param location where it is (the file itself)
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record AgentScript(
    String tool,
    String relativePath,
    Path file,
    Optional<String> interpreter,
    Optional<String> refusal,
    Location location) {

  /** Whether an allowed interpreter runs it. */
  public boolean runnable() {
    return interpreter.isPresent();
  }
}
