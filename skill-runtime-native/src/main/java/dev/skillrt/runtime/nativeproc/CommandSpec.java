package dev.skillrt.runtime.nativeproc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.RuntimeSpec;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A host program to run without a shell (the {@code native} runtime).
 *
 * @param program the program: an absolute path, or a bare name the runtime resolves on its {@code
 *     PATH}; never split or interpreted by a shell
 * @param arguments the arguments after the program, each passed as one argv element
 * @param allowedCommands programs this skill may run (names or absolute paths); the program must
 *     resolve to one of them
 * @param envPassthrough names of host environment variables the skill may see
 * @param sandbox how to isolate the program
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CommandSpec(
    String program,
    List<String> arguments,
    List<String> allowedCommands,
    List<String> envPassthrough,
    SandboxMode sandbox)
    implements RuntimeSpec {

  public CommandSpec {
    arguments = List.copyOf(arguments);
    allowedCommands = List.copyOf(allowedCommands);
    envPassthrough = List.copyOf(envPassthrough);
  }

  @Override
  public String describe() {
    return arguments.isEmpty() ? program : program + " " + String.join(" ", arguments);
  }
}
