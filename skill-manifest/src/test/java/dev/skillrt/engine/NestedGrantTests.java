package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Violation;
import dev.skillrt.engine.internal.WritableGrants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A skill that may write a folder may rename what is in it: a folder granted to any skill below it
 * could be swapped for a symbolic link while that skill's call binds it. The manifest is refused at
 * validation and the call denied, whatever the backends.
 */
class NestedGrantTests {

  @TempDir Path dir;

  private SkillEngine engine(String toml) throws IOException {
    Files.createDirectories(dir.resolve("base/inner"));
    Files.createDirectories(dir.resolve("elsewhere"));
    Path manifest = Files.writeString(dir.resolve("skills.toml"), toml);
    return SkillEngine.builder()
        .manifest(manifest)
        .environment(Map.of("PATH", "/usr/bin:/bin"))
        .build();
  }

  /**
   * A skill {@code writer} granted {@code writerGrants} and a skill {@code reader} running {@code
   * command} granted {@code readerGrants} (TOML array elements).
   */
  private static String writerAndReader(String writerGrants, String command, String readerGrants) {
    return """
        [skills.writer]
        source = "./writer"
        runtime = "test-process"
        [skills.writer.test-process]
        command = "/bin/true"
        [skills.writer.instances.main.capabilities]
        allowed_paths = [%s]

        [skills.reader]
        source = "./reader"
        runtime = "test-process"
        [skills.reader.test-process]
        command = "%s"
        [skills.reader.instances.main.capabilities]
        allowed_paths = [%s]
        """
        .formatted(writerGrants, command, readerGrants);
  }

  @Test
  void aGrantInsideAnotherSkillsWritableFolderIsRefused() throws IOException {
    String toml = writerAndReader("\"./base:/base:rw\"", "/bin/ls", "\"./base/inner:/data\"");
    try (SkillEngine engine = engine(toml)) {
      ValidationReport report = engine.validate();
      assertThat(report.errors())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(14);
                assertThat(p.message())
                    .contains("skill \"reader\"")
                    .contains("[" + WritableGrants.RULE + "]")
                    .contains("lies inside " + dir.resolve("base"))
                    .contains("skill \"writer\" (instance \"main\") may write");
              });

      ExecutionResult r = engine.execute("reader", "ls", Map.of(), ExecuteOptions.defaults());
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations()).extracting(Violation::ruleId).containsExactly(WritableGrants.RULE);
    }
  }

  @Test
  void sideBySideAndTheSameFolderReadOnlyAreFine() throws IOException {
    String toml =
        writerAndReader("\"./base:/base:rw\"", "/bin/true", "\"./base:/base\", \"./elsewhere\"");
    try (SkillEngine engine = engine(toml)) {
      assertThat(engine.validate().errors()).isEmpty();
      ExecutionResult r = engine.execute("reader", "true", Map.of(), ExecuteOptions.defaults());
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  /** {@code /tmp} itself is never bound read-write by any backend, so nothing lies inside it. */
  @Test
  void aWritableGrantNoBackendWouldBindDoesNotCount() throws IOException {
    String toml = writerAndReader("\"/tmp:/scratch:rw\"", "/bin/true", "\"./base/inner:/data\"");
    try (SkillEngine engine = engine(toml)) {
      assertThat(engine.validate().errors()).isEmpty();
    }
  }
}
