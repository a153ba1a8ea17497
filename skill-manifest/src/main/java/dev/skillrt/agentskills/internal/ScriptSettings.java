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
 * The settings of an Agent Skills folder: what its runtime's provider read for scripts ({@link
 * dev.skillrt.spi.SkillRuntimeProvider#scriptSettings}: the provider decides how its runtime runs
 * an interpreter), plus the skill folder as a read-only mount at its own path, so a script sees its
 * folder where it is on the host.
 *
 * <p>A call's arguments are {@code INTERPRETER SCRIPT ARGS...}.
 */
public final class ScriptSettings implements SkillSettings {

  private final SkillSettings shared;
  private final Mount folder;

  /**
   * @param shared what the runtime's provider read for the folder's scripts ({@link
   *     dev.skillrt.spi.SkillRuntimeProvider#scriptSettings})
   * @param folder the skill folder (a real path)
   */
  public ScriptSettings(SkillSettings shared, Path folder) {
    this.shared = shared;
    this.folder = new Mount(folder, folder.toString(), true);
  }

  @Override
  public RuntimeSpec spec(SpecInput input) {
    return shared.spec(input);
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
