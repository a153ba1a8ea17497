package dev.skillrt.manifest.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * What a loader adds to a manifest's {@code [agent_skills]}.
 *
 * @param directories more roots of skill folders ({@code --skills-dir})
 * @param strict whether every warning about a skill folder is an error
 */
public record AgentSkillOptions(List<Path> directories, boolean strict) {

  public AgentSkillOptions {
    directories = List.copyOf(directories);
  }

  public static AgentSkillOptions none() {
    return new AgentSkillOptions(List.of(), false);
  }
}
