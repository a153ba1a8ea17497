package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The Agent Skills folders a manifest loaded.
 *
 * @param skills the skills by name, in the order found
 * @param interpreters the interpreters their scripts may use
 * @param warnings every warning found while loading them (folders and frontmatter), located
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record AgentSkillSet(
    Map<String, AgentSkill> skills, List<String> interpreters, List<Problem> warnings) {

  public AgentSkillSet {
    skills = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skills));
    interpreters = List.copyOf(interpreters);
    warnings = List.copyOf(warnings);
  }

  /** No folders. */
  public static AgentSkillSet none() {
    return new AgentSkillSet(Map.of(), List.of(), List.of());
  }

  public Optional<AgentSkill> find(String name) {
    return Optional.ofNullable(skills.get(name));
  }
}
