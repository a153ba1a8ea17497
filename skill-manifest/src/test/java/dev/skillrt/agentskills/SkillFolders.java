package dev.skillrt.agentskills;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes real skill folders for tests, and finds the compatibility corpus. */
final class SkillFolders {

  private SkillFolders() {}

  /** A folder {@code root/name} with a SKILL.md of the given frontmatter and body. */
  static Path skill(Path root, String name, String frontmatter, String body) {
    return write(root.resolve(name).resolve("SKILL.md"), "---\n" + frontmatter + "---\n" + body);
  }

  /** A folder with a valid SKILL.md. */
  static Path skill(Path root, String name) {
    skill(
        root,
        name,
        "name: " + name + "\ndescription: Does " + name + " things.\n",
        "# " + name + "\n\nUse it.\n");
    return root.resolve(name);
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An executable script. */
  static Path script(Path folder, String name, String text) {
    Path f = write(folder.resolve("scripts").resolve(name), text);
    try {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  /**
   * The six real folders in {@code ../shared/compat/agent-skills}: skipped with a note when absent,
   * a failure under {@code CI=true}.
   */
  static Path corpus() {
    Path dir =
        Path.of(
                System.getProperty(
                    "skillrt.compat.agent-skills", "../../shared/compat/agent-skills"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(dir)) {
      String note =
          "the Agent Skills corpus "
              + dir
              + " is absent (CI has it beside the clone at ../shared/compat)";
      if ("true".equals(System.getenv("CI"))) {
        fail(note);
      }
      System.err.println("\n*** SKIPPED: " + note + " ***\n");
      assumeTrue(false, note);
    }
    return dir;
  }
}
