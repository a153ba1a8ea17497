package dev.skillrt.cli.internal;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jars of third-party runtimes given on the command line ({@code --plugin JAR}, repeatable) and
 * in {@code SKILL_PLUGINS} (a list separated like {@code PATH}), loaded beside the runtimes the
 * command ships with. A plugin's own dependencies are further entries of the same lists.
 */
final class Plugins {

  /** The environment variable that lists plugin jars. */
  static final String VARIABLE = "SKILL_PLUGINS";

  private final List<Path> jars;

  private Plugins(List<Path> jars) {
    this.jars = List.copyOf(jars);
  }

  /**
   * The plugins named by {@code --plugin} options and by {@code SKILL_PLUGINS}, each resolved
   * against {@code workingDirectory} and checked to be a readable jar (or a folder of classes).
   *
   * @throws UsageException naming the entry, where it came from and what is wrong with it
   */
  static Plugins of(List<Path> options, Map<String, String> environment, Path workingDirectory) {
    List<Path> jars = new ArrayList<>();
    for (Path option : options) {
      jars.add(checked(workingDirectory.resolve(option), "--plugin " + option));
    }
    String listed = environment.getOrDefault(VARIABLE, "");
    for (String entry : listed.split(File.pathSeparator, -1)) {
      if (!entry.isBlank()) {
        jars.add(
            checked(workingDirectory.resolve(entry.strip()), VARIABLE + " entry " + entry.strip()));
      }
    }
    return new Plugins(jars);
  }

  private static Path checked(Path path, String source) {
    Path normal = path.toAbsolutePath().normalize();
    if (!Files.exists(normal)) {
      throw new UsageException(
          source + ": no such file (" + normal + "); give the path of a runtime's jar");
    }
    if (Files.isDirectory(normal)) {
      return normal;
    }
    if (!Files.isRegularFile(normal) || !normal.getFileName().toString().endsWith(".jar")) {
      throw new UsageException(
          source + ": not a jar (" + normal + "); give a .jar file or a folder of classes");
    }
    if (!Files.isReadable(normal)) {
      throw new UsageException(source + ": cannot be read (" + normal + "); check its permissions");
    }
    return normal;
  }

  /** The class loader that sees the plugins and, through its parent, the command's own runtimes. */
  ClassLoader classLoader(ClassLoader parent) {
    if (jars.isEmpty()) {
      return parent;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UsageException(
            "plugin " + jars.get(i) + ": not a usable path (" + e.getMessage() + ")");
      }
    }
    return new URLClassLoader("skill-plugins", urls, parent);
  }

  List<Path> jars() {
    return jars;
  }
}
