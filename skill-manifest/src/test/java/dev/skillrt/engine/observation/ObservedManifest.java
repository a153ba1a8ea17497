package dev.skillrt.engine.observation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A manifest of real host programs (through the test-process runtime) for the observation tests.
 */
final class ObservedManifest {

  private ObservedManifest() {}

  static Path write(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("skills.toml"),
        """
        [skills.echo]
        source = "./echo"
        runtime = "test-process"
        [skills.echo.test-process]
        command = "echo"
        [skills.echo.tools.say]
        args = ["{{text}}"]
        [skills.echo.tools.say.parameters.text]
        type = "string"
        required = true

        [skills.broken]
        source = "./broken"
        runtime = "test-process"
        [skills.broken.test-process]
        command = "false"
        [skills.broken.tools.fail]
        args = []

        [skills.missing]
        source = "./missing"
        runtime = "test-process"
        [skills.missing.test-process]
        command = "/nonexistent/skillrt-program"
        [skills.missing.tools.run]
        args = []

        [skills.slow]
        source = "./slow"
        runtime = "test-process"
        default_instance = "one"
        [skills.slow.instances.one]
        capabilities.max_concurrent_requests = 1
        [skills.slow.test-process]
        command = "sleep"
        [skills.slow.tools.nap]
        args = ["{{seconds}}"]
        [skills.slow.tools.nap.parameters.seconds]
        type = "string"
        required = true
        """);
  }

  static Map<String, String> env() {
    return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }
}
