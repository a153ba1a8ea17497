package dev.skillrt.springai;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the tests find the demo manifest and their own. */
final class Examples {

  private Examples() {}

  /** The demo manifest, examples/skills.toml. */
  static Path demo() {
    return Path.of(System.getProperty("skillrt.examples", "../examples"))
        .toAbsolutePath()
        .normalize()
        .resolve("skills.toml");
  }

  /**
   * A manifest of calls that do not succeed: escape/shell is always denied, lost/list always fails.
   */
  static Path outcomes() {
    try {
      return Path.of(Examples.class.getResource("/outcomes.toml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
