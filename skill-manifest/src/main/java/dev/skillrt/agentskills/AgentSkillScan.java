package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.agentskills.internal.FolderPaths;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Finds the skill folders under a root: every immediate subfolder holding a {@code SKILL.md} (or
 * {@code skill.md}), in name order. Hidden folders are skipped; a symbolic link to a folder is
 * followed only when the folder lies inside the root. Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class AgentSkillScan {

  /** The most skill folders read under one root. */
  public static final int MAX_FOLDERS = 500;

  private AgentSkillScan() {}

  /**
   * What scanning a root gave.
   *
   * @param folders the skill folders, each as found under the root
   * @param errors what made the root unusable
   * @param warnings what was left out, and why
   */
  public record Result(List<Path> folders, List<Problem> errors, List<Problem> warnings) {
    public Result {
      folders = List.copyOf(folders);
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * @param root the folder to scan
   * @param origin where the root is named, for messages (a manifest key or a command option)
   */
  public static Result scan(Path root, String origin) {
    List<Path> folders = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      String what = Files.exists(root) ? "is not a folder" : "does not exist";
      return new Result(
          List.of(),
          List.of(
              new Problem(
                  origin,
                  0,
                  0,
                  "the skills folder "
                      + Echo.quoted(root.toString())
                      + " "
                      + what
                      + "; give a folder whose subfolders hold SKILL.md files")),
          List.of());
    }
    Path realRoot;
    List<Path> entries = new ArrayList<>();
    try {
      realRoot = root.toRealPath();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
        stream.forEach(entries::add);
      }
    } catch (IOException e) {
      return new Result(
          List.of(),
          List.of(
              new Problem(
                  origin,
                  0,
                  0,
                  "cannot list the skills folder "
                      + Echo.quoted(root.toString())
                      + ": "
                      + Echo.of(String.valueOf(e.getMessage())))),
          List.of());
    }
    entries.sort(null);
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".") || !Files.isDirectory(entry)) {
        continue;
      }
      if (Files.isSymbolicLink(entry) && FolderPaths.inside(realRoot, entry).isEmpty()) {
        if (AgentSkillReader.skillFile(entry).isPresent()) {
          warnings.add(
              new Problem(
                  entry.toString(),
                  0,
                  0,
                  name
                      + " is a symbolic link to a folder outside "
                      + Echo.quoted(root.toString())
                      + "; it is not read:"
                      + " put the skill folder itself under the root, or name its own root"));
        }
        continue;
      }
      if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(entry)) {
        continue;
      }
      if (AgentSkillReader.skillFile(entry).isEmpty()) {
        continue;
      }
      if (folders.size() == MAX_FOLDERS) {
        warnings.add(
            new Problem(
                origin,
                0,
                0,
                Echo.quoted(root.toString())
                    + " holds more than "
                    + MAX_FOLDERS
                    + " skill folders; only the first "
                    + MAX_FOLDERS
                    + " by name are read"));
        break;
      }
      folders.add(entry);
    }
    return new Result(folders, List.of(), warnings);
  }
}
