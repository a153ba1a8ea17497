package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rename} inside preopens (which Chicory 1.7.5 refuses altogether): it works as on Linux,
 * and never moves anything out of a preopen, into a read-only one, onto what a link names, or so
 * that a link inside what was moved climbs out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmRenameTests {

  private WasmSkillRuntime runtime;
  @TempDir Path base;
  private Path data;
  private Path other;
  private Path readOnly;
  private Path outside;

  @BeforeAll
  void start() {
    runtime = new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache());
  }

  @AfterAll
  void stop() {
    runtime.close();
  }

  @BeforeEach
  void folders() throws IOException {
    data = Files.createDirectories(base.resolve("data"));
    other = Files.createDirectories(base.resolve("other"));
    readOnly = Files.createDirectories(base.resolve("ro"));
    outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(data.resolve("in.txt"), "inside");
    Files.writeString(readOnly.resolve("fixed.txt"), "fixed");
  }

  @Test
  void filesAndFoldersAreRenamedInsideAPreopen() throws IOException {
    Files.createDirectories(data.resolve("dir/sub"));
    Files.writeString(data.resolve("dir/sub/f.txt"), "deep");
    Files.writeString(data.resolve("old.txt"), "replaced");

    ExecutionResult file = run("rename", "/data/in.txt", "/data/old.txt");
    ExecutionResult folder = run("rename", "/data/dir", "/data/moved");

    assertThat(file.status()).as(file.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(data.resolve("old.txt")).hasContent("inside");
    assertThat(data.resolve("in.txt")).doesNotExist();
    assertThat(folder.status()).as(folder.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(data.resolve("moved/sub/f.txt")).hasContent("deep");
  }

  @Test
  void nothingIsRenamedOutOfAPreopen() throws IOException {
    Files.createSymbolicLink(data.resolve("exit"), Path.of("../outside"));

    ExecutionResult throughLink = run("rename", "/data/in.txt", "/data/exit/stolen.txt");
    ExecutionResult climbing = run("rename", "/data/in.txt", "/data/../outside/stolen.txt");
    ExecutionResult intoOther = run("rename", "/data/in.txt", "/other/stolen.txt");

    assertThat(throughLink.stderr().text()).contains("Capabilities insufficient");
    assertThat(climbing.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(intoOther.stderr().text())
        .as("two preopens are two file systems")
        .contains("Cross-device link");
    assertThat(outside.resolve("stolen.txt")).doesNotExist();
    assertThat(other.resolve("stolen.txt")).doesNotExist();
    assertThat(data.resolve("in.txt")).hasContent("inside");
  }

  @Test
  void aFolderRenamedOntoALinkReplacesNothingOutside() throws IOException {
    Files.createDirectories(data.resolve("dir"));
    Files.writeString(data.resolve("dir/payload.txt"), "payload");
    Files.createDirectories(outside.resolve("target"));
    Files.createSymbolicLink(data.resolve("link"), outside.resolve("target"));

    ExecutionResult r = run("rename", "/data/dir", "/data/link");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).contains("Not a directory");
    assertThat(outside.resolve("target")).isEmptyDirectory();
    assertThat(Files.isSymbolicLink(data.resolve("link"))).isTrue();
    assertThat(data.resolve("dir/payload.txt")).hasContent("payload");
  }

  @Test
  void nothingIsRenamedIntoOrInsideAReadOnlyPreopen() {
    ExecutionResult into = run("rename", "/data/in.txt", "/ro/planted.txt");
    ExecutionResult inside = run("rename", "/ro/fixed.txt", "/ro/moved.txt");
    ExecutionResult outOf = run("rename", "/ro/fixed.txt", "/data/taken.txt");

    assertThat(List.of(into, inside, outOf))
        .allSatisfy(r -> assertThat(r.stderr().text()).contains("Read-only file system"));
    assertThat(readOnly.resolve("planted.txt")).doesNotExist();
    assertThat(readOnly.resolve("fixed.txt")).hasContent("fixed");
    assertThat(data.resolve("in.txt")).hasContent("inside");
  }

  @Test
  void aFolderHoldingALinkIsNotMovedWhereTheLinkWouldClimbOut() throws IOException {
    // /data/a/b/up -> ../../in.txt names /data/in.txt; moved to /data/b, the same two ".."
    // would name base/in.txt, outside the preopen
    Files.createDirectories(data.resolve("a/b"));
    Files.createSymbolicLink(data.resolve("a/b/up"), Path.of("../../in.txt"));
    Files.writeString(base.resolve("in.txt"), "outside the preopen");

    ExecutionResult higher = run("rename", "/data/a/b", "/data/b");

    assertThat(higher.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(higher.stderr().text()).contains("Capabilities insufficient");
    assertThat(data.resolve("b")).doesNotExist();
    assertThat(Files.isSymbolicLink(data.resolve("a/b/up"))).isTrue();

    ExecutionResult deeper = run("rename", "/data/a/b", "/data/a/c");
    assertThat(deeper.status())
        .as("same depth: the link still names a place inside")
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(data.resolve("a/c/up")).hasContent("inside");
  }

  @Test
  void aLinkMovedHigherIsJudgedFromItsNewFolder() throws IOException {
    Files.createDirectories(data.resolve("a"));
    Files.createSymbolicLink(data.resolve("a/up"), Path.of("../in.txt"));

    ExecutionResult r = run("rename", "/data/a/up", "/data/up");

    assertThat(r.stderr().text()).contains("Capabilities insufficient");
    assertThat(data.resolve("up")).doesNotExist();
  }

  @Test
  void aPreopenItselfIsNotRenamed() {
    ExecutionResult r = run("rename", "/data", "/data/elsewhere");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(data.resolve("in.txt")).hasContent("inside");
  }

  private ExecutionResult run(String... args) {
    ModuleSpec spec = ModuleSpec.of(Fixtures.path("paths.wasm"), List.of(args));
    return runtime.execute(
        ExecutionRequest.builder("renames", "tool", spec)
            .mount(new Mount(data, "/data", false))
            .mount(new Mount(other, "/other", false))
            .mount(new Mount(readOnly, "/ro", true))
            .build());
  }
}
