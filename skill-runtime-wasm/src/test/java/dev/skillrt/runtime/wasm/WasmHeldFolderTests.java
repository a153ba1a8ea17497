package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A folder the module holds open (a folder descriptor) whose path is later swapped for a symbolic
 * link: every use of the descriptor is judged on what its path names now, walked from the preopen's
 * root, and a path that is now a link is refused.
 *
 * <p>{@code escape.wasm} performs the sequence that once reached the host's {@code /} through such
 * a descriptor: hold {@code /data/sub}, remove it, make it a link to {@code
 * x/../../../../../../../../../../..} while {@code x} is missing, make {@code x}, open a path
 * through the descriptor (read {@code /etc/shadow}, create {@code /tmp/PWNED} as root). The files
 * it aims at here are the test's own, in a folder beside the grant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmHeldFolderTests {

  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

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
    Files.setLastModifiedTime(outside, LONG_AGO);
  }

  // ---- the escape as it was performed --------------------------------------------------------

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aHeldFolderSwappedForAClimbingLinkReadsNothingOutside(WasmMode mode) {
    ExecutionResult r =
        run(mode, "escape.wasm", "/data", fromHostRoot(outside.resolve("secret.txt")));

    assertThat(r.stdout().text()).doesNotContain("outside secret");
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
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

  /**
   * The same escape with a link that was inside where the module made it: {@code ../} twelve times,
   * twelve folders down, then hard-linked (not followed) as the held folder's name, where the same
   * target climbs to the host's {@code /}.
   */
  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aHeldFolderSwappedForACopiedLinkReachesNothingOutside(WasmMode mode) throws IOException {
    String top = base.getName(0).toString();
    String below = base.subpath(1, base.getNameCount()).toString();
    ExecutionResult read =
        run(mode, "escape.wasm", "--copied", top, "/data", below + "/outside/secret.txt");
    clearData();
    ExecutionResult create =
        run(mode, "escape.wasm", "--copied", top, "/data", below + "/outside/PWNED", "PWNED");

    assertThat(read.stdout().text()).doesNotContain("outside secret");
    assertThat(read.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(create.status()).as(create.stdout().text()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(read.stderr().text()).contains("Capabilities insufficient");
    assertThat(create.stderr().text()).contains("Capabilities insufficient");
    assertThat(outside.resolve("PWNED")).doesNotExist();
  }

  // ---- a held folder is judged on what its path names now ------------------------------------

  /**
   * Another process swaps the held folder for a link to a folder outside while the module waits: no
   * link the module made is involved, so only the walk of the held path can stop it.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"read secret.txt", "write new.txt planted", "list", "stat", "touch 86400"})
  void aHeldFolderSwappedForALinkOutByAnotherProcessIsRefused(String action) throws Exception {
    Path sub = Files.createDirectory(data.resolve("sub"));

    ExecutionResult r =
        holdWhile(
            () -> {
              Files.delete(sub);
              Files.createSymbolicLink(sub, outside);
            },
            action.split(" "));

    assertThat(r.status()).as(r.stdout().text()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).contains("Capabilities insufficient");
    assertThat(r.stdout().text()).isEqualTo("holding /data/sub\n");
    assertThat(outside.resolve("secret.txt")).hasContent("outside secret");
    assertThat(outside.resolve("new.txt")).doesNotExist();
    assertThat(Files.getLastModifiedTime(outside)).isEqualTo(LONG_AGO);
  }

  @Test
  void aHeldFolderThatIsStillAFolderKeepsWorking() throws Exception {
    Path sub = Files.createDirectory(data.resolve("sub"));
    Files.writeString(sub.resolve("inner.txt"), "inside");

    ExecutionResult read = holdWhile(() -> {}, "read", "inner.txt");
    Files.delete(data.resolve("sub-go"));
    ExecutionResult list = holdWhile(() -> {}, "list");

    assertThat(read.stdout().text())
        .as(read.stderr().text())
        .isEqualTo("holding /data/sub\ninside");
    assertThat(list.stdout().text())
        .as(list.stderr().text())
        .isEqualTo("holding /data/sub\ninner.txt\n");
  }

  @Test
  void aHeldFolderThatWasRemovedIsGone() throws Exception {
    Path sub = Files.createDirectory(data.resolve("sub"));

    ExecutionResult r = holdWhile(() -> Files.delete(sub), "write", "new.txt", "lost");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).contains("No such file or directory");
    assertThat(sub).doesNotExist();
  }

  @Test
  void aHeldFolderTheModuleSwapsForALinkInsideIsRefusedToo() throws IOException {
    Files.createDirectory(data.resolve("sub"));
    Files.createDirectory(data.resolve("other"));
    Files.writeString(data.resolve("other/inner.txt"), "other folder");

    ExecutionResult read =
        run(WasmMode.COMPILED, "paths.wasm", "swap", "/data/sub", "other", "read", "inner.txt");
    Files.delete(data.resolve("sub"));
    Files.createDirectory(data.resolve("sub"));
    ExecutionResult list =
        run(WasmMode.COMPILED, "paths.wasm", "swap", "/data/sub", "other", "list");

    assertThat(Files.readSymbolicLink(data.resolve("sub"))).isEqualTo(Path.of("other"));
    assertThat(read.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(read.stderr().text()).contains("cannot read inner.txt: Capabilities insufficient");
    assertThat(list.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(list.stdout().text()).doesNotContain("inner.txt");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private ExecutionResult run(WasmMode mode, String fixture, String... args) {
    return runtime.execute(request(mode, fixture, args).build());
  }

  private ExecutionRequest.Builder request(WasmMode mode, String fixture, String... args) {
    ModuleSpec spec = new ModuleSpec(Fixtures.path(fixture), List.of(args), mode);
    return ExecutionRequest.builder("held", "tool", spec)
        .mount(new Mount(data, "/data", false))
        .limits(Limits.builder().timeout(Duration.ofSeconds(90)).build());
  }

  /** Something the test does to the file system. */
  private interface Change {
    void make() throws IOException;
  }

  /**
   * Runs {@code paths hold /data/sub ACTION...}: once the module holds the folder, makes {@code
   * change}, then lets the module go on ({@code /data/sub-go}).
   */
  private ExecutionResult holdWhile(Change change, String... action) throws Exception {
    List<String> args = new ArrayList<>(List.of("hold", "/data/sub"));
    args.addAll(List.of(action));
    CountDownLatch holding = new CountDownLatch(1);
    StringBuffer seen = new StringBuffer();
    ExecutionRequest request =
        request(WasmMode.COMPILED, "paths.wasm", args.toArray(String[]::new))
            .outputListener(
                (stream, chunk) -> {
                  seen.append(new String(chunk, StandardCharsets.UTF_8));
                  if (seen.indexOf("holding") >= 0) {
                    holding.countDown();
                  }
                })
            .build();
    CompletableFuture<ExecutionResult> call =
        CompletableFuture.supplyAsync(() -> runtime.execute(request));
    try {
      assertThat(holding.await(60, TimeUnit.SECONDS)).as("the module holds the folder").isTrue();
      change.make();
    } finally {
      Files.createFile(data.resolve("sub-go"));
    }
    return call.get(120, TimeUnit.SECONDS);
  }

  /** A host path as seen from the host's {@code /}, which the escape's link names. */
  private static String fromHostRoot(Path path) {
    return path.getRoot().relativize(path).toString();
  }

  private void clearData() throws IOException {
    try (Stream<Path> all = Files.walk(data)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(data)) {
          Files.delete(p);
        }
      }
    }
    assertThat(Files.exists(data.resolve("sub"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }
}
