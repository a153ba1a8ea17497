package dev.skillrt.agentskills.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which interpreter runs a script: the program its {@code #!} line names (the last word of the
 * program's path, or what {@code /usr/bin/env} is given), else the one its extension implies.
 */
public final class Interpreters {

  /** The interpreters an {@code [agent_skills]} table allows unless it says otherwise. */
  public static final List<String> DEFAULTS = List.of("sh", "bash", "python3", "node");

  private static final Map<String, String> BY_EXTENSION =
      Map.of(
          "sh", "sh", "bash", "bash", "py", "python3", "js", "node", "mjs", "node", "cjs", "node");

  private Interpreters() {}

  /** What a script asks for, and how that was found (for messages). */
  public record Wanted(String interpreter, String because) {}

  /**
   * The interpreter a script asks for; empty when neither its first line nor its extension says.
   */
  public static Optional<Wanted> wanted(Path file) {
    Optional<String> line = firstLine(file);
    if (line.isPresent() && line.get().startsWith("#!")) {
      String[] words = line.get().substring(2).trim().split("\\s+");
      if (words.length > 0 && !words[0].isEmpty()) {
        String program = baseName(words[0]);
        if (program.equals("env")) {
          for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("-") && !words[i].contains("=")) {
              return Optional.of(new Wanted(baseName(words[i]), "its #! line names " + words[i]));
            }
          }
          return Optional.empty();
        }
        return Optional.of(new Wanted(program, "its #! line names " + words[0]));
      }
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
      String interpreter = BY_EXTENSION.get(ext);
      if (interpreter != null) {
        return Optional.of(new Wanted(interpreter, "its extension is ." + ext));
      }
    }
    return Optional.empty();
  }

  private static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  private static Optional<String> firstLine(Path file) {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] head = in.readNBytes(256);
      int end = 0;
      while (end < head.length && head[end] != '\n' && head[end] != '\r' && head[end] != 0) {
        end++;
      }
      return Optional.of(new String(head, 0, end, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
