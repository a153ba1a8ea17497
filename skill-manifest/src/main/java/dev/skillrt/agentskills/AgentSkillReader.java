package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.agentskills.internal.FolderPaths;
import dev.skillrt.agentskills.internal.FrontmatterParser;
import dev.skillrt.agentskills.internal.FrontmatterRules;
import dev.skillrt.agentskills.internal.ScriptScan;
import dev.skillrt.agentskills.internal.SkillFileText;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reads one Agent Skills folder: finds its {@code SKILL.md} (or {@code skill.md}), splits and
 * parses the frontmatter as YAML, checks it against the specification, and lists its scripts.
 *
 * <p>What makes the folder unusable (no frontmatter, one never closed, broken YAML, a file past
 * {@link #MAX_SKILL_FILE} bytes, binary content, a {@code SKILL.md} that leaves the folder) is an
 * error; what merely breaks the specification is a warning. Both are located ({@code
 * SKILL.md:LINE:COLUMN}, or the file concerned). Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class AgentSkillReader {

  /** The file names a skill folder's instructions may have, in the order looked for. */
  public static final List<String> FILE_NAMES = List.of("SKILL.md", "skill.md");

  /** The largest {@code SKILL.md} read: 1 MiB. */
  public static final int MAX_SKILL_FILE = 1 << 20;

  private AgentSkillReader() {}

  /**
   * What reading a folder gave.
   *
   * @param skill the skill, empty when an error made it unusable
   * @param errors what made it unusable
   * @param warnings what breaks the specification (also in {@link AgentSkill#warnings()})
   */
  public record Result(Optional<AgentSkill> skill, List<Problem> errors, List<Problem> warnings) {
    public Result {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  /** The instructions file of a folder, when it has one (a regular file or a link to one). */
  public static Optional<Path> skillFile(Path folder) {
    for (String name : FILE_NAMES) {
      Path f = folder.resolve(name);
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)
          && (Files.isRegularFile(f) || Files.isSymbolicLink(f))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the folder.
   *
   * @param folder the skill folder (as found: problems name paths under it)
   * @param interpreters the interpreters its scripts may use
   */
  public static Result read(Path folder, List<String> interpreters) {
    Optional<Path> found = skillFile(folder);
    if (found.isEmpty()) {
      return failed(
          new Problem(
              folder.toString(),
              0,
              0,
              "the folder has no SKILL.md; add one, or remove the folder"));
    }
    Path file = found.get();
    String source = file.toString();
    Path realFolder;
    try {
      realFolder = folder.toRealPath();
    } catch (IOException e) {
      return failed(
          new Problem(
              folder.toString(),
              0,
              0,
              "cannot read the skill folder: " + Echo.of(String.valueOf(e.getMessage()))));
    }
    if (FolderPaths.inside(realFolder, file).isEmpty()) {
      return failed(
          new Problem(
              source,
              0,
              0,
              file.getFileName()
                  + " is a symbolic link that leaves the skill folder (or dangles); it is not read:"
                  + " put the file itself in the folder"));
    }
    if (!Files.isRegularFile(file)) {
      return failed(
          new Problem(source, 0, 0, file.getFileName() + " is not a regular file; make it one"));
    }
    Optional<String> text;
    try {
      text = readText(file);
    } catch (IOException e) {
      return failed(
          new Problem(
              source,
              0,
              0,
              "cannot read "
                  + file.getFileName()
                  + ": "
                  + Echo.of(String.valueOf(e.getMessage()))));
    }
    if (text.isEmpty()) {
      return failed(
          new Problem(
              source,
              0,
              0,
              file.getFileName()
                  + " is larger than "
                  + (MAX_SKILL_FILE >> 20)
                  + " MiB, the most read; move long material to"
                  + " references/ and keep the instructions short"));
    }
    Optional<Problem> binary = binary(source, text.get());
    if (binary.isPresent()) {
      return failed(binary.get());
    }
    SkillFileText.Result split = SkillFileText.split(text.get());
    if (split.failure().isPresent()) {
      return failed(
          new Problem(source, split.failure().get().line(), 1, split.failure().get().message()));
    }
    SkillFileText parts = split.text().orElseThrow();
    FrontmatterParser.Parsed parsed =
        FrontmatterParser.parse(parts.frontmatter(), parts.frontmatterLine());
    if (parsed.failure().isPresent()) {
      FrontmatterParser.Failure f = parsed.failure().get();
      return failed(new Problem(source, f.at().line(), f.at().column(), f.message()));
    }
    String folderName = realFolderName(folder);
    FrontmatterRules.Fields fields =
        FrontmatterRules.check(
            source, folderName, parsed.entries(), new FrontmatterParser.Position(1, 1));
    List<Problem> warnings = new ArrayList<>(fields.warnings());
    ScriptScan.Result scripts = ScriptScan.scan(realFolder, interpreters);
    warnings.addAll(scripts.warnings());
    AgentSkill skill =
        new AgentSkill(
            fields.name().orElse(folderName),
            realFolder,
            file,
            parts.frontmatter(),
            fields.description(),
            fields.license(),
            fields.compatibility(),
            fields.metadata(),
            fields.allowedTools(),
            parts.body(),
            scripts.scripts(),
            warnings);
    return new Result(Optional.of(skill), List.of(), warnings);
  }

  private static String realFolderName(Path folder) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }

  private static Result failed(Problem p) {
    return new Result(Optional.empty(), List.of(p), List.of());
  }

  /**
   * The text, or empty when the file is larger than the cap (checked while reading, not only by
   * size).
   */
  private static Optional<String> readText(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_SKILL_FILE + 1);
    }
    if (bytes.length > MAX_SKILL_FILE) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.of("\0");
    }
  }

  private static Optional<Problem> binary(String source, String text) {
    int nul = text.indexOf('\0');
    if (nul < 0) {
      return Optional.empty();
    }
    int line = 1;
    for (int i = 0; i < nul; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return Optional.of(
        new Problem(
            source,
            text.equals("\0") ? 0 : line,
            0,
            "the file is not text (binary data or not UTF-8); SKILL.md must be UTF-8 Markdown"));
  }
}
