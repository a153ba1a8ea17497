package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which symbolic links a module may make: relative targets in normal form (some {@code ..}, then
 * names) that climb no higher than the preopen's root from the link's own folder. Every link here
 * is made in {@code /data/a/b}, two folders below the root, so two {@code ..} are the most a target
 * may start with. A target that would be fine today but could lead out tomorrow ({@code x/../..}
 * once {@code x} is a link, {@code ./x}, an absolute path naming the grant itself) is refused as
 * well.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmModuleLinkTests {

  private WasmSkillRuntime runtime;
  @TempDir Path base;
  private Path data;
  private Path folder;

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
    folder = Files.createDirectories(data.resolve("a/b"));
    Files.createDirectories(base.resolve("outside"));
    Files.writeString(base.resolve("outside/secret.txt"), "outside secret");
    Files.writeString(data.resolve("top.txt"), "top of the grant");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "target", // the WASI test suite's targets: plain names, existing or not
        "file",
        "subdir/file",
        "name/",
        "a//b",
        "..",
        "../..",
        "../../top.txt",
        "../../a/b/c",
        "../x/y"
      })
  void aTargetThatStaysInsideIsKeptAsGiven(String target) throws IOException {
    ExecutionResult r = symlink(target, "/data/a/b/made");

    assertThat(r.status()).as(r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // kept as given, but for the slashes that change nothing (Java drops them)
    assertThat(Files.readSymbolicLink(folder.resolve("made"))).isEqualTo(Path.of(target));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/etc/passwd",
        "DATA/top.txt", // absolute, naming the grant itself by its host path
        "../../..",
        "../../../outside/secret.txt",
        "../../../data/top.txt", // above the root, then back inside
        "x/..",
        "x/../..",
        "x/../../../../../../../../../../..",
        "../x/..",
        "sub/../top.txt",
        ".",
        "./top.txt",
        "sub/./file",
        "../../out/secret.txt" // through a link already there that leads outside
      })
  void aTargetThatCouldLeadOutsideIsRefused(String target) throws IOException {
    Files.createSymbolicLink(data.resolve("out"), base.resolve("outside"));
    String given = target.replace("DATA", data.toString());

    ExecutionResult r = symlink(given, "/data/a/b/made");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text())
        .contains("cannot symlink /data/a/b/made: Capabilities insufficient");
    assertThat(Files.exists(folder.resolve("made"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void anEmptyTargetIsRefusedAsLinuxDoes() {
    ExecutionResult r = symlink("", "/data/a/b/made");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).contains("No such file or directory");
  }

  /**
   * A hard link of a link is a new link at a new place, whose target is then read from there:
   * {@code ../../top.txt} stays inside from {@code /data/a/b}, but would leave the grant from
   * {@code /data}.
   */
  @Test
  void aHardLinkOfALinkIsJudgedWhereItIsMade() throws IOException {
    assertThat(symlink("../../top.txt", "/data/a/b/made").status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    Files.createDirectories(data.resolve("a/c"));

    ExecutionResult higher = run("link", "/data/a/b/made", "/data/copy");
    ExecutionResult sameDepth = run("link", "/data/a/b/made", "/data/a/c/copy");
    ExecutionResult sameFolder = run("link", "/data/a/b/made", "/data/a/b/copy");

    assertThat(higher.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(higher.stderr().text()).contains("Capabilities insufficient");
    assertThat(Files.exists(data.resolve("copy"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(sameDepth.status())
        .as(sameDepth.stderr().text())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(sameFolder.status())
        .as(sameFolder.stderr().text())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run("read", "/data/a/c/copy").stdout().text()).isEqualTo("top of the grant");
  }

  private ExecutionResult symlink(String target, String path) {
    return run("symlink", target, path);
  }

  private ExecutionResult run(String... args) {
    ModuleSpec spec = new ModuleSpec(Fixtures.path("paths.wasm"), List.of(args), WasmMode.COMPILED);
    return runtime.execute(
        ExecutionRequest.builder("links", "tool", spec)
            .mount(new Mount(data, "/data", false))
            .build());
  }
}
