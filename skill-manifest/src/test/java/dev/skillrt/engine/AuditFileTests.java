package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.SkillException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit file takes text a caller chooses; a JVM that appended it through a link someone planted
 * would write that text into any file the JVM may write (as root, {@code /etc/ld.so.preload} say).
 */
class AuditFileTests {

  @TempDir Path dir;

  private SkillEngine engineWithAudit(Path audit) throws IOException {
    Path manifest =
        Files.writeString(
            dir.resolve("skills.toml"),
            """
        [skills.echo]
        source = "./echo"
        runtime = "test-process"
        [skills.echo.test-process]
        command = "/bin/echo"
        """);
    return SkillEngine.builder()
        .manifest(manifest)
        .environment(Map.of("PATH", "/usr/bin:/bin"))
        .auditFile(audit)
        .build();
  }

  @Test
  void aLinkPlantedInASharedFolderIsNeverWrittenThrough() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim"), "untouched\n");
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.createSymbolicLink(shared.resolve("audit.jsonl"), victim);

    assertThatThrownBy(() -> engineWithAudit(shared.resolve("audit.jsonl")))
        .isInstanceOf(SkillException.class)
        .hasMessageContaining("cannot open the audit file")
        .hasMessageContaining("writable by group or others");
    assertThat(Files.readString(victim)).isEqualTo("untouched\n");
  }

  @Test
  void aLinkIsNeverFollowedEvenInAFolderOfOurOwn() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim"), "untouched\n");
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.createSymbolicLink(logs.resolve("audit.jsonl"), victim);

    assertThatThrownBy(() -> engineWithAudit(logs.resolve("audit.jsonl")))
        .isInstanceOf(SkillException.class)
        .hasMessageContaining("cannot open the audit file");
    assertThat(Files.readString(victim)).isEqualTo("untouched\n");
  }

  @Test
  void aNewAuditFileIsReadableByItsOwnerOnly() throws IOException {
    Path audit = dir.resolve("new-logs/audit.jsonl");
    try (SkillEngine engine = engineWithAudit(audit)) {
      engine.execute("echo", "hi", Map.of(), ExecuteOptions.defaults());
    }
    assertThat(Files.readString(audit)).contains("\"skill\":\"echo\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit.getParent())))
        .isEqualTo("rwx------");
  }
}
