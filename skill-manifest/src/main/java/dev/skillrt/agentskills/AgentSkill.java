package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Location;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One Agent Skills folder, read and checked against the specification
 * (https://agentskills.io/specification).
 *
 * @param name the skill's name: its frontmatter {@code name} when that is a valid name, else the
 *     folder's name
 * @param folder the folder (its real path: symbolic links resolved)
 * @param skillFile its {@code SKILL.md} (or {@code skill.md})
 * @param frontmatter the frontmatter as written, between the {@code ---} lines
 * @param description {@code description}
 * @param license {@code license}
 * @param compatibility {@code compatibility}
 * @param metadata {@code metadata}, strings to strings
 * @param allowedTools {@code allowed-tools}, one entry per tool; empty when not written
 * @param body the Markdown instructions after the frontmatter
 * @param scripts the files directly under {@code scripts/}, each a tool, by file name
 * @param warnings what breaks the specification without stopping the skill from loading, each at
 *     {@code SKILL.md:LINE:COLUMN} or at the file concerned
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record AgentSkill(
    String name,
    Path folder,
    Path skillFile,
    String frontmatter,
    String description,
    Optional<String> license,
    Optional<String> compatibility,
    Map<String, String> metadata,
    Optional<List<String>> allowedTools,
    String body,
    List<AgentScript> scripts,
    List<Problem> warnings) {

  public AgentSkill {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    allowedTools = allowedTools.map(List::copyOf);
    scripts = List.copyOf(scripts);
    warnings = List.copyOf(warnings);
  }

  /** Where the skill is written: the first line of its {@code SKILL.md}. */
  public Location location() {
    return new Location(skillFile.toString(), 1, 1);
  }

  public Optional<AgentScript> findScript(String tool) {
    return scripts.stream().filter(s -> s.tool().equals(tool)).findFirst();
  }

  /** The script served as {@code tool}, or a {@link NotFoundException} listing the scripts. */
  public AgentScript script(String tool) {
    return findScript(tool)
        .orElseThrow(
            () ->
                NotFoundException.of(
                    NotFoundException.Kind.TOOL,
                    tool,
                    scripts.stream().map(AgentScript::tool).toList()));
  }
}
