package dev.skillrt.agentskills.internal;

import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of an Agent Skills folder: what its runtime's provider read, once per interpreter
 * on a runtime that starts one program per call (native: the interpreter is the program, allowed
 * alone), or once on a runtime that runs a command line (docker: the interpreter is its first
 * word). Adds the skill folder as a read-only mount at its own path, so a script sees its folder
 * where it is on the host.
 *
 * <p>A call's arguments are {@code INTERPRETER SCRIPT ARGS...}.
 */
public final class ScriptSettings implements SkillSettings {

  private final Map<String, SkillSettings> perInterpreter;
  private final SkillSettings shared;
  private final Mount folder;

  /**
   * @param perInterpreter settings by interpreter, for a runtime whose program is the
   *     interpreter; empty for one that runs the whole command line
   * @param shared the settings used for the whole command line, and for what every call shares
   *     (environment, limits, network)
   * @param folder the skill folder (a real path)
   */
  public ScriptSettings(Map<String, SkillSettings> perInterpreter, SkillSettings shared, Path folder) {
    this.perInterpreter = Map.copyOf(perInterpreter);
    this.shared = shared;
    this.folder = new Mount(folder, folder.toString(), true);
  }

  @Override
  public RuntimeSpec spec(SpecInput input) {
    List<String> argv = input.arguments();
    if (perInterpreter.isEmpty() || argv.isEmpty()) {
      return shared.spec(input);
    }
    SkillSettings own = perInterpreter.getOrDefault(argv.get(0), shared);
    return own.spec(new SpecInput(argv.subList(1, argv.size()), input.networkAllowed()));
  }

  @Override
  public List<Mount> mounts() {
    List<Mount> out = new ArrayList<>(shared.mounts());
    out.add(folder);
    return out;
  }

  @Override
  public Map<String, String> environment() {
    return shared.environment();
  }

  @Override
  public Optional<String> workingDirectory() {
    return shared.workingDirectory();
  }

  @Override
  public Limits limits() {
    return shared.limits();
  }

  @Override
  public Optional<Boolean> network() {
    return shared.network();
  }

  @Override
  public boolean argumentsVisibleOnHost() {
    return shared.argumentsVisibleOnHost();
  }
}
