package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.agentskills.internal.FolderFiles;
import dev.skillrt.agentskills.internal.FrontmatterParser;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.internal.Echo;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Progressive disclosure of Agent Skills folders: first the {@linkplain #catalogue() catalogue}
 * (names and descriptions, a few tokens each), then a skill's {@linkplain #instructions
 * instructions} when a model picks it, then single {@linkplain #resource files} as the instructions
 * point to them.
 *
 * <p>{@link #resource} reads only regular files inside the skill folder: it refuses absolute paths,
 * {@code ..}, symbolic links that leave the folder (checked on the real path, and the file opened
 * without following a last link), hidden names, and files larger than {@link #MAX_RESOURCE}.
 * Thread-safe; reads the files when asked.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class AgentSkills {

  /** The largest file {@link #resource} returns: 4 MiB. */
  public static final int MAX_RESOURCE = 4 << 20;

  /** One line of the catalogue. */
  public record Entry(String name, String description) {}

  private final AgentSkillSet set;

  public AgentSkills(AgentSkillSet set) {
    this.set = set;
  }

  /**
   * A media type guessed from a file name's extension ({@code application/octet-stream} when
   * unknown).
   */
  public static String mimeType(String path) {
    return FolderFiles.mimeType(path);
  }

  /** Names and descriptions, in the order loaded. */
  public List<Entry> catalogue() {
    List<Entry> out = new ArrayList<>();
    set.skills().values().forEach(s -> out.add(new Entry(s.name(), s.description())));
    return out;
  }

  /** The names, in the order loaded. */
  public List<String> names() {
    return List.copyOf(set.skills().keySet());
  }

  /** Whether a skill of the engine is an Agent Skills folder. */
  public boolean contains(String name) {
    return set.skills().containsKey(name);
  }

  /** The skill, or a {@link NotFoundException} listing the skill folders. */
  public AgentSkill skill(String name) {
    return set.find(name)
        .orElseThrow(() -> NotFoundException.of(NotFoundException.Kind.SKILL, name, names()));
  }

  /** The Markdown instructions (the body of {@code SKILL.md}, after the frontmatter). */
  public String instructions(String name) {
    return skill(name).body();
  }

  /**
   * The frontmatter as JSON, each top-level key with its YAML value (strings stay strings, lists
   * and mappings become arrays and objects), in the order written.
   */
  public ObjectNode frontmatter(String name) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    FrontmatterParser.parse(skill(name).frontmatter(), 1)
        .entries()
        .forEach((k, e) -> out.set(k, e.value()));
    return out;
  }

  /**
   * Every regular file of the skill folder (links inside it followed, hidden names left out), by
   * path.
   */
  public List<SkillFile> files(String name) {
    return FolderFiles.list(skill(name).folder());
  }

  /**
   * One file of a skill folder.
   *
   * @param relativePath its path inside the folder, such as {@code references/guide.md}
   * @throws ConfigurationException saying why the path is refused
   * @throws NotFoundException for an unknown skill or a missing file
   */
  public SkillResource resource(String name, String relativePath) {
    AgentSkill skill = skill(name);
    byte[] content =
        FolderFiles.read(skill.folder(), relativePath, MAX_RESOURCE, "skill " + Echo.quoted(name));
    return new SkillResource(name, relativePath, content, FolderFiles.mimeType(relativePath));
  }
}
