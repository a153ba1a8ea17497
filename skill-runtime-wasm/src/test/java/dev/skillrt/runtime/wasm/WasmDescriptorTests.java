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
 * What the runtime adds to Chicory 1.7.5's descriptors (appending files that stay readable, flags
 * that change, rights that drop, hard links onto dangling links) gives a module no more than it
 * had: no write through a flag, no right regained, nothing made through a dangling link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmDescriptorTests {

  private WasmSkillRuntime runtime;
  @TempDir Path base;
  private Path data;
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
    readOnly = Files.createDirectories(base.resolve("ro"));
    outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(data.resolve("in.txt"), "inside");
    Files.writeString(readOnly.resolve("fixed.txt"), "fixed");
  }

  @Test
  void switchingAppendingOnDoesNotMakeAReadOnlyFileWritable() throws IOException {
    ExecutionResult ro = run("append-after-open", "/ro/fixed.txt", "appended");
    ExecutionResult rw = run("append-after-open", "/data/in.txt", "appended");

    assertThat(ro.stdout().text()).isEqualTo("appending: yes\n");
    assertThat(ro.stderr().text()).isEqualTo("cannot write /ro/fixed.txt: Read-only file system\n");
    assertThat(readOnly.resolve("fixed.txt")).hasContent("fixed");
    assertThat(rw.status()).as("opened for reading only").isEqualTo(ExecutionStatus.FAILED);
    assertThat(data.resolve("in.txt")).hasContent("inside");
  }

  @Test
  void aDroppedRightCannotBeTakenBack() throws IOException {
    ExecutionResult r = run("drop-write", "/data/in.txt", "overwritten");

    assertThat(r.stdout().text())
        .isEqualTo("drop: ok\nregain: Capabilities insufficient\ncan write: no\n");
    // wasi-libc reports a write the descriptor has no right for as EBADF, as POSIX does
    assertThat(r.stderr().text()).isEqualTo("cannot write /data/in.txt: Bad file descriptor\n");
    assertThat(data.resolve("in.txt")).hasContent("inside");
  }

  @Test
  void aHardLinkOntoADanglingLinkMakesNothingWhereItPoints() throws IOException {
    Files.createSymbolicLink(data.resolve("dangling"), outside.resolve("made.txt"));
    Files.createSymbolicLink(data.resolve("dangling-inside"), Path.of("made-inside.txt"));

    ExecutionResult out = run("link", "/data/in.txt", "/data/dangling");
    ExecutionResult in = run("link", "/data/in.txt", "/data/dangling-inside");

    assertThat(out.stderr().text()).isEqualTo("cannot link /data/in.txt: File exists\n");
    assertThat(in.stderr().text()).isEqualTo("cannot link /data/in.txt: File exists\n");
    assertThat(outside.resolve("made.txt")).doesNotExist();
    assertThat(data.resolve("made-inside.txt")).doesNotExist();
    assertThat(Files.isSymbolicLink(data.resolve("dangling"))).isTrue();
  }

  private ExecutionResult run(String... args) {
    ModuleSpec spec = ModuleSpec.of(Fixtures.path("paths.wasm"), List.of(args));
    return runtime.execute(
        ExecutionRequest.builder("descriptors", "tool", spec)
            .mount(new Mount(data, "/data", false))
            .mount(new Mount(readOnly, "/ro", true))
            .build());
  }
}
