package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Problem;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest of many skills is validated skill by skill on several threads: its report is the same,
 * in the manifest's order, every time.
 */
class ManySkillsValidationTests {

  @TempDir Path dir;

  @Test
  void theReportOfManySkillsIsInTheManifestsOrderEveryTime() throws Exception {
    StringBuilder toml = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      toml.append("[skills.s").append(i).append("]\nsource = \"./s\"\n");
      if (i % 7 == 3) {
        toml.append("runtime = \"not-installed\"\n"); // an error
      } else {
        toml.append("runtime = \"test-process\"\n[skills.s")
            .append(i)
            .append(".test-process]\ncommand = \"echo\"\n");
        toml.append("[skills.s").append(i).append(".tools.t]\n");
        // a warning: an optional value after a flag, not tied to it
        toml.append("args = [\"--name\", \"{{name}}\"]\n[skills.s")
            .append(i)
            .append(".tools.t.parameters.name]\ntype = \"string\"\n");
      }
    }
    Path manifest = Files.writeString(dir.resolve("many.toml"), toml);
    ValidationReport first = null;
    for (int round = 0; round < 5; round++) {
      try (SkillEngine engine =
          SkillEngine.builder()
              .manifest(manifest)
              .environment(Map.of("PATH", "/usr/bin:/bin"))
              .registry(SkillRuntimeRegistry.of(List.of(new ProcessTestRuntimeProvider())))
              .build()) {
        ValidationReport report = engine.validate();
        assertThat(report.errors()).hasSize(43);
        assertThat(report.warnings()).hasSize(257);
        assertThat(report.errors().stream().map(Problem::line).toList()).isSorted();
        assertThat(report.warnings().stream().map(Problem::line).toList()).isSorted();
        if (first == null) {
          first = report;
        } else {
          assertThat(report).isEqualTo(first);
        }
      }
    }
  }
}
