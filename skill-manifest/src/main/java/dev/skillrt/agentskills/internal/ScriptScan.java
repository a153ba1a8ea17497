package dev.skillrt.agentskills.internal;

import dev.skillrt.agentskills.AgentScript;
import dev.skillrt.api.Location;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files directly under a skill's {@code scripts/}: each regular file (not hidden) becomes a
 * tool. A symbolic link is followed only when it stays inside the skill folder; one that leaves it
 * is reported and left out, so it never becomes a tool.
 */
public final class ScriptScan {

  /** The most scripts one skill serves. */
  public static final int MAX_SCRIPTS = 200;

  private ScriptScan() {}

  /** The scripts found and what was wrong. */
  public record Result(List<AgentScript> scripts, List<Problem> warnings) {}

  /**
   * @param folder the skill folder's real path
   * @param interpreters the interpreters allowed
   */
  public static Result scan(Path folder, List<String> interpreters) {
    List<AgentScript> scripts = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    Path dir = folder.resolve("scripts");
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isSymbolicLink(dir)) {
        warnings.add(
            new Problem(
                dir.toString(),
                0,
                0,
                "scripts is a symbolic link; a skill's scripts folder must be a real folder inside it, so none of its files are served"));
      }
      return new Result(scripts, warnings);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(files::add);
    } catch (IOException e) {
      warnings.add(
          new Problem(
              dir.toString(),
              0,
              0,
              "cannot list the scripts folder: " + Echo.of(String.valueOf(e.getMessage()))));
      return new Result(scripts, warnings);
    }
    files.sort(null);
    Set<String> tools = new HashSet<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.startsWith(".") || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String relative = "scripts/" + name;
      if (Files.isSymbolicLink(file)) {
        Optional<Path> target = FolderPaths.inside(folder, file);
        if (target.isEmpty()) {
          warnings.add(
              new Problem(
                  file.toString(),
                  0,
                  0,
                  relative
                      + " is a symbolic link that leaves the skill folder (or dangles); it is not served as a"
                      + " tool: put the script itself in scripts/"));
          continue;
        }
      }
      if (!Files.isRegularFile(file)) {
        continue;
      }
      if (scripts.size() == MAX_SCRIPTS) {
        warnings.add(
            new Problem(
                dir.toString(),
                0,
                0,
                "scripts/ holds more than "
                    + MAX_SCRIPTS
                    + " files; only the first "
                    + MAX_SCRIPTS
                    + " by name are served"));
        break;
      }
      String tool = toolName(name);
      if (!tools.add(tool)) {
        warnings.add(
            new Problem(
                file.toString(),
                0,
                0,
                relative
                    + " would be the tool "
                    + Echo.quoted(tool)
                    + ", which an earlier file of scripts/ already is;"
                    + " it is not served: rename one of them"));
        continue;
      }
      Location at = new Location(file.toString(), 0, 0);
      Optional<Interpreters.Wanted> wanted = Interpreters.wanted(file);
      Optional<String> refusal = Optional.empty();
      Optional<String> interpreter = Optional.empty();
      if (wanted.isEmpty()) {
        refusal =
            Optional.of(
                relative
                    + " has no #! line and no extension that names an interpreter (allowed: "
                    + String.join(", ", interpreters)
                    + "); start it with a #! line such as #!/usr/bin/env python3");
      } else if (!interpreters.contains(wanted.get().interpreter())) {
        refusal =
            Optional.of(
                relative
                    + " needs the interpreter "
                    + Echo.quoted(wanted.get().interpreter())
                    + " ("
                    + wanted.get().because()
                    + "), which is not allowed (allowed: "
                    + String.join(", ", interpreters)
                    + "); add it to interpreters in [agent_skills] or change the script");
      } else {
        interpreter = Optional.of(wanted.get().interpreter());
      }
      refusal.ifPresent(
          r -> warnings.add(at.problem(r + "; it is listed but refused when called")));
      scripts.add(new AgentScript(tool, relative, file, interpreter, refusal, at));
    }
    return new Result(scripts, warnings);
  }

  /**
   * The file name without its extension, characters outside {@code [A-Za-z0-9_-]} replaced by
   * {@code _}.
   */
  public static String toolName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    StringBuilder b = new StringBuilder(stem.length());
    for (int i = 0; i < stem.length(); i++) {
      char c = stem.charAt(i);
      boolean fit =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      b.append(fit ? c : '_');
    }
    return b.toString();
  }
}
