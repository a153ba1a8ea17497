package dev.skillrt.agentskills.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Whether a path, its symbolic links followed, stays inside a skill folder. */
public final class FolderPaths {

  private FolderPaths() {}

  /**
   * The real path of {@code path} when it exists and lies inside {@code folder} (a real path);
   * empty when it leaves the folder, dangles or cannot be resolved.
   */
  public static Optional<Path> inside(Path folder, Path path) {
    try {
      Path real = path.toRealPath();
      return real.startsWith(folder) ? Optional.of(real) : Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
