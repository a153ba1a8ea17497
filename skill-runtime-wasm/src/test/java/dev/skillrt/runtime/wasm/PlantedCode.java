package dev.skillrt.runtime.wasm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands for the code someone plants in the compiled-module cache: the JVM runs its static
 * initialiser as soon as Chicory defines it, which leaves a marker file. Never loaded by the tests
 * themselves; {@link CacheAttacks} packs its bytes into cache entries.
 */
public final class PlantedCode {

  /** The system property that names the marker file. */
  public static final String MARKER_PROPERTY = "skillrt.test.planted-marker";

  static {
    String marker = System.getProperty(MARKER_PROPERTY);
    if (marker != null) {
      try {
        Files.writeString(Path.of(marker), "planted code ran");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private PlantedCode() {}
}
