package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.ModuleSpec;
import dev.skillrt.api.Mount;
import dev.skillrt.api.WasmMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A folder the module holds open (a folder descriptor) whose path is later swapped for a symbolic
 * link: every call through the descriptor is judged on what its path names now, from the
 * preopen's root, and a path that is now a link is refused.
 *
 * <p>{@code escape.wasm} performs the sequence that once reached the host's {@code /} through such
 * a descriptor: hold {@code /data/sub}, remove it, make it a link to {@code
 * x/../../../../../../../../../../..} while {@code x} is missing, make {@code x}, open a path
 * through the descriptor. The files it aims at are the test's own, in a folder beside the grant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmHeldFolderTests {

  private WasmSkillRuntime runtime;
  @TempDir Path base;
  private Path data;
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
    base = base.toRealPath();
    data = Files.createDirectories(base.resolve("data"));
    outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "outside secret");
  }

  // ---- the escape as it was performed --------------------------------------------------------

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aHeldFolderSwappedForAClimbingLinkReadsNothingOutside(WasmMode mode) {
    ExecutionResult r = run(mode, "escape.wasm", "/data", fromHostRoot(outside.resolve("secret.txt")));

    assertThat(r.stdout().text()).doesNotContain("outside secret");
    assertThat(r.status()).as(r.stdout().text()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).contains("Capabilities insufficient");
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aHeldFolderSwappedForAClimbingLinkWritesNothingOutside(WasmMode mode) throws IOException {
    ExecutionResult overwrite =
        run(mode, "escape.wasm", "/data", fromHostRoot(outside.resolve("secret.txt")), "PWNED");
    clearData();
    ExecutionResult create =
        run(mode, "escape.wasm", "/data", fromHostRoot(outside.resolve("PWNED")), "PWNED");

    assertThat(overwrite.status()).as(overwrite.stdout().text()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(create.status()).as(create.stdout().text()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(overwrite.stderr().text()).contains("Capabilities insufficient");
    assertThat(create.stderr().text()).contains("Capabilities insufficient");
    assertThat(outside.resolve("secret.txt")).hasContent("outside secret");
    assertThat(outside.resolve("PWNED")).doesNotExist();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private ExecutionResult run(WasmMode mode, String fixture, String... args) {
    ModuleSpec spec = new ModuleSpec(Fixtures.path(fixture), List.of(args), mode);
    return runtime.execute(
        ExecutionRequest.builder("held", "tool", spec)
            .mount(new Mount(data, "/data", false))
            .build());
  }

  /** A host path as seen from the host's {@code /}, which the escape's link names. */
  private static String fromHostRoot(Path path) {
    return path.getRoot().relativize(path).toString();
  }

  private void clearData() throws IOException {
    try (Stream<Path> all = Files.walk(data)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(data)) {
          Files.delete(p);
        }
      }
    }
  }
}
