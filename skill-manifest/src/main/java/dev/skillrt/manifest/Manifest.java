package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.agentskills.AgentSkillSet;
import dev.skillrt.api.NotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A loaded, expanded and validated manifest. Immutable.
 *
 * @param source the manifest file (absolute)
 * @param version {@code version}, empty when not written
 * @param defaults {@code [defaults]}
 * @param skills {@code [skills.NAME]} tables, in the order written, then the Agent Skills folders
 *     (each also a skill, whose tools are its scripts)
 * @param agentSkills the Agent Skills folders read through {@code [agent_skills]} or given to the
 *     loader
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Manifest(
    Path source,
    String version,
    Defaults defaults,
    Map<String, SkillDefinition> skills,
    AgentSkillSet agentSkills) {

  public Manifest {
    skills = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skills));
  }

  /** A manifest without Agent Skills folders. */
  public Manifest(
      Path source, String version, Defaults defaults, Map<String, SkillDefinition> skills) {
    this(source, version, defaults, skills, AgentSkillSet.none());
  }

  /** The folder relative paths resolve against. */
  public Path baseDirectory() {
    Path parent = source.toAbsolutePath().getParent();
    return parent != null ? parent : source.toAbsolutePath();
  }

  public Optional<SkillDefinition> findSkill(String name) {
    return Optional.ofNullable(skills.get(name));
  }

  /** The skill, or a {@link NotFoundException} listing the skills. */
  public SkillDefinition skill(String name) {
    SkillDefinition s = skills.get(name);
    if (s == null) {
      throw NotFoundException.of(
          NotFoundException.Kind.SKILL, name, new ArrayList<>(skills.keySet()));
    }
    return s;
  }
}
