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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Symbolic links inside preopens, relative ones above all: a link's target is resolved against the
 * link's own folder, judged, and exactly that is opened.
 *
 * <p>Every relative target here starts with {@code SHADOW}, a folder name that also exists in the
 * JVM's working folder with other content. A runtime that resolved relative targets against the
 * JVM's working folder (as Chicory 1.7.5 does on its own) would read, write, stat or link the files
 * there, outside every grant; these tests then see the wrong content or a changed file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmLinkTests {

  private WasmSkillRuntime runtime;

  /** Relative to the JVM's working folder: the shadow tree outside every preopen. */
  private Path shadowRelative;

  private Path shadow;
  private Path base;
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
    // Under target/ of the working folder, so that the preopens, the shadow tree and "outside"
    // share one file system (hard links cannot cross file systems).
    String id = UUID.randomUUID().toString();
    shadowRelative = Path.of("target", "link-shadow-" + id);
    shadow = Files.createDirectories(shadowRelative.toAbsolutePath());
    base = Files.createDirectories(Path.of("target", "link-base-" + id).toAbsolutePath());
    data = Files.createDirectories(base.resolve("data"));
    readOnly = Files.createDirectories(base.resolve("ro"));
    outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "outside secret");
  }

  @AfterEach
  void clean() throws IOException {
    for (Path root : List.of(shadow, base)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  // ---- reading ------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aRelativeLinkReadsTheFileNextToIt(WasmMode mode) throws IOException {
    inData("SHADOW/inner.txt", "inside");
    inShadow("inner.txt", "outside copy in the JVM's working folder");
    link(data.resolve("alias.txt"), "SHADOW/inner.txt");

    ExecutionResult r = run(mode, "read", "/data/alias.txt");

    assertThat(r.status()).as(r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("inside");
  }

  @Test
  void aRelativeLinkToAMissingFileReadsNothingOutside() throws IOException {
    // README.md -> SHADOW/id_key: nothing there in the grant, a key in the JVM's working folder
    inShadow("id_key", "PRIVATE KEY");
    link(data.resolve("README.md"), "SHADOW/id_key");

    ExecutionResult r = run("read", "/data/README.md");

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stdout().text()).doesNotContain("PRIVATE KEY");
    assertThat(r.stderr().text()).contains("No such file or directory");
  }

  @Test
  void aChainOfRelativeLinksIsFollowedLinkByLink() throws IOException {
    inData("SHADOW/inner.txt", "inside");
    link(data.resolve(named("SHADOW/second")), "inner.txt");
    link(data.resolve("first"), "SHADOW/second");
    inShadow("second", "outside: the working folder's file of the same name");

    ExecutionResult r = run("read", "/data/first");

    assertThat(r.status()).as(r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("inside");
  }

  @Test
  void aLinkInASubfolderMayClimbWithinThePreopen() throws IOException {
    inData("top.txt", "top of the grant");
    link(data.resolve(named("SHADOW/up")), "UP/top.txt");
    ExecutionResult viaPath = run("read", "/data/SHADOW/up");
    ExecutionResult viaFolder = run("openat-read", "/data/SHADOW", "up");
    assertThat(viaPath.stdout().text()).as(viaPath.stderr().text()).isEqualTo("top of the grant");
    assertThat(viaFolder.stdout().text())
        .as(viaFolder.stderr().text())
        .isEqualTo("top of the grant");
  }

  @Test
  void aRelativeLinkOpenedThroughAFolderDescriptorIsResolvedNextToIt() throws IOException {
    inData("SHADOW/inner.txt", "inside");
    link(data.resolve(named("SHADOW/alias")), "inner.txt");
    ExecutionResult r = run("openat-read", "/data/SHADOW", "alias");
    assertThat(r.status()).as(r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("inside");
  }

  @Test
  void relativeLinksThatLeaveThePreopenAreRefused() throws IOException {
    link(data.resolve("up"), "../outside/secret.txt");
    link(data.resolve(named("SHADOW/deeper")), "UP/../outside/secret.txt");
    link(data.resolve("chain"), "SHADOW/deeper");
    link(data.resolve("dir"), "../outside");
    link(data.resolve("in-and-out"), "../data/../outside/secret.txt");
    link(data.resolve("dangling"), "../outside/missing.txt");
    for (String path :
        List.of(
            "/data/up",
            "/data/SHADOW/deeper",
            "/data/chain",
            "/data/dir/secret.txt",
            "/data/in-and-out",
            "/data/dangling")) {
      ExecutionResult r = run("read", path);
      assertThat(r.status()).as(path).isEqualTo(ExecutionStatus.FAILED);
      assertThat(r.stdout().text()).as(path).doesNotContain("outside secret");
      assertThat(r.stderr().text()).as(path).contains("Capabilities insufficient");
    }
  }

  @Test
  void aLinkLoopEndsWithAnErrorNotAHang() throws IOException {
    link(data.resolve("loop1"), "loop2");
    link(data.resolve("loop2"), "loop1");
    ExecutionResult r = run("read", "/data/loop1");
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text())
        .contains("cannot read /data/loop1")
        .containsIgnoringCase("symbolic link loop");
  }

  @Test
  void aRelativeLinkToAFolderIsEnteredNextToIt() throws IOException {
    inData("SHADOW/inner.txt", "inside");
    link(data.resolve("folder"), "SHADOW");
    ExecutionResult r = run("read", "/data/folder/inner.txt");
    assertThat(r.stdout().text()).as(r.stderr().text()).isEqualTo("inside");
  }

  // ---- writing ------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aWriteThroughARelativeLinkLandsNextToIt(WasmMode mode) throws IOException {
    Files.createDirectories(data.resolve(named("SHADOW")));
    inShadow("victim.txt", "original");
    link(data.resolve("out.txt"), "SHADOW/victim.txt");

    ExecutionResult r = run(mode, "write", "/data/out.txt", "changed");

    assertThat(r.status()).as(r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(data.resolve(named("SHADOW/victim.txt"))).hasContent("changed");
    assertThat(shadow.resolve("victim.txt")).as("the working folder's file").hasContent("original");
  }

  @Test
  void aWriteThroughAChainEndingInAMissingFileCreatesItInsideOnly() throws IOException {
    Files.createDirectories(data.resolve(named("SHADOW")));
    link(data.resolve(named("SHADOW/next")), "created.txt");
    link(data.resolve("start"), "SHADOW/next");

    ExecutionResult r = run("write", "/data/start", "new");

    assertThat(r.status()).as(r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(data.resolve(named("SHADOW/created.txt"))).hasContent("new");
    assertThat(shadow.resolve("next")).as("created in the working folder").doesNotExist();
    assertThat(shadow.resolve("created.txt")).doesNotExist();
  }

  @Test
  void aWriteThroughADanglingLinkThatLeavesThePreopenIsRefused() throws IOException {
    link(data.resolve("escape.txt"), "../outside/new.txt");
    ExecutionResult r = run("write", "/data/escape.txt", "planted");
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.stderr().text()).contains("Capabilities insufficient");
    assertThat(outside.resolve("new.txt")).doesNotExist();
  }

  @Test
  void writesThroughLinksThatLeaveThePreopenAreRefused() throws IOException {
    link(data.resolve("up"), "../outside/secret.txt");
    link(data.resolve("SHADOW/deeper"), "UP/../outside/secret.txt");
    link(data.resolve("chain"), "SHADOW/deeper");
    link(data.resolve("dir"), "../outside");
    for (String path :
        List.of("/data/up", "/data/chain", "/data/dir/secret.txt", "/data/dir/new.txt")) {
      ExecutionResult r = run("write", path, "overwritten");
      assertThat(r.status()).as(path).isEqualTo(ExecutionStatus.FAILED);
      assertThat(r.stderr().text()).as(path).contains("Capabilities insufficient");
    }
    assertThat(outside.resolve("secret.txt")).hasContent("outside secret");
    assertThat(outside.resolve("new.txt")).doesNotExist();
  }

  @Test
  void aReadOnlyPreopenStaysReadOnlyThroughRelativeLinks() throws IOException {
    Files.createDirectories(readOnly.resolve(named("SHADOW")));
    Files.writeString(readOnly.resolve(named("SHADOW/fixed.txt")), "fixed");
    link(readOnly.resolve("alias"), "SHADOW/fixed.txt");
    link(readOnly.resolve("fresh"), "SHADOW/fresh.txt");

    assertThat(run("read", "/ro/alias").stdout().text()).isEqualTo("fixed");
    ExecutionResult overwrite = run("write", "/ro/alias", "changed");
    ExecutionResult create = run("write", "/ro/fresh", "created");
    assertThat(overwrite.stderr().text()).contains("Read-only file system");
    assertThat(create.stderr().text()).contains("Read-only file system");
    assertThat(readOnly.resolve(named("SHADOW/fixed.txt"))).hasContent("fixed");
    assertThat(readOnly.resolve(named("SHADOW/fresh.txt"))).doesNotExist();
  }

  @Test
  void aLinkFromOnePreopenIntoAnotherIsRefused() throws IOException {
    Files.writeString(data.resolve("writable.txt"), "data");
    link(readOnly.resolve("to-data"), "../data/writable.txt");
    ExecutionResult r = run("write", "/ro/to-data", "changed");
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(data.resolve("writable.txt")).hasContent("data");
  }

  // ---- the other path functions -------------------------------------------------------------

  @Test
  void statFollowsARelativeLinkNextToIt() throws IOException {
    inShadow("id_key", "PRIVATE KEY, 24 bytes ..");
    link(data.resolve("README.md"), "SHADOW/id_key");
    inData("SHADOW/sized.txt", "12345");
    link(data.resolve("sized"), "SHADOW/sized.txt");

    ExecutionResult missing = run("stat", "/data/README.md");
    ExecutionResult present = run("stat", "/data/sized");

    assertThat(missing.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(missing.stdout().text()).as("nothing of the file outside").isEmpty();
    assertThat(present.stdout().text()).as(present.stderr().text()).isEqualTo("size 5\n");
    assertThat(run("lstat", "/data/sized").stdout().text())
        .isEqualTo("size " + named("SHADOW/sized.txt").length() + "\n");
  }

  @Test
  void aHardLinkThatFollowsARelativeLinkCannotReachOutside() throws IOException {
    inShadow("id_key", "PRIVATE KEY");
    link(data.resolve("README.md"), "SHADOW/id_key");
    inData("SHADOW/inner.txt", "inside");
    link(data.resolve("alias"), "SHADOW/inner.txt");

    ExecutionResult stolen = run("link-follow", "/data/README.md", "/data/stolen");
    ExecutionResult linked = run("link-follow", "/data/alias", "/data/hard");

    assertThat(stolen.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(data.resolve("stolen")).doesNotExist();
    assertThat(linked.status()).as(linked.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(data.resolve("hard")).hasContent("inside");
    assertThat(Files.isSymbolicLink(data.resolve("hard"))).isFalse();
  }

  @Test
  void settingTimesThroughALinkNeverTouchesAFileOutside() throws IOException {
    FileTime before = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(outside.resolve("secret.txt"), before);
    link(data.resolve("to-outside"), "../outside/secret.txt");

    ExecutionResult followed = run("touch", "/data/to-outside", "86400");
    ExecutionResult own = run("touch-nofollow", "/data/to-outside", "86400");

    assertThat(followed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(followed.stderr().text()).contains("Capabilities insufficient");
    assertThat(own.status())
        .as("the link's own times may be set")
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(
            Files.readAttributes(
                    data.resolve("to-outside"),
                    BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS)
                .lastModifiedTime())
        .isEqualTo(FileTime.fromMillis(86_400_000L));
    assertThat(Files.getLastModifiedTime(outside.resolve("secret.txt"))).isEqualTo(before);
  }

  @Test
  void aLinkMadeByTheModuleKeepsItsRelativeTargetAndResolvesNextToIt() throws IOException {
    inData("SHADOW/inner.txt", "inside");
    inShadow("inner.txt", "outside copy");

    ExecutionResult made = run("symlink", "SHADOW/inner.txt", "/data/made");
    assertThat(made.status()).as(made.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThat(Files.readSymbolicLink(data.resolve("made")))
        .isEqualTo(Path.of(named("SHADOW/inner.txt")));
    assertThat(run("readlink", "/data/made").stdout().text())
        .isEqualTo(named("SHADOW/inner.txt") + "\n");
    assertThat(run("read", "/data/made").stdout().text()).isEqualTo("inside");
  }

  @Test
  void theModuleCannotMakeALinkThatLeavesThePreopen() {
    ExecutionResult r = run("symlink", "../outside/secret.txt", "/data/evil");
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(data.resolve("evil")).doesNotExist();
  }

  @Test
  void listingAFolderReachedThroughARelativeLinkListsTheFolderNextToIt() throws IOException {
    inData("SHADOW/inner.txt", "inside");
    inShadow("outside-only.txt", "x");
    link(data.resolve("folder"), "SHADOW");
    ExecutionResult r = run("list", "/data/folder");
    assertThat(r.stdout().text()).as(r.stderr().text()).isEqualTo("inner.txt\n");
  }

  @Test
  void theGrantedFolderItselfCannotBeRemovedOrRenamed() throws IOException {
    try (Stream<Path> entries = Files.list(data)) {
      assertThat(entries).isEmpty();
    }
    ExecutionResult removed = run("rmdir", "/data");
    ExecutionResult renamed = run("rename", "/data", "/data/elsewhere");
    assertThat(removed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(renamed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(data).isDirectory();
    Files.createDirectory(data.resolve("sub"));
    assertThat(run("rmdir", "/data/sub").status())
        .as("a folder inside it can")
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private ExecutionResult run(String... args) {
    return run(WasmMode.COMPILED, args);
  }

  private ExecutionResult run(WasmMode mode, String... args) {
    List<String> argv = Stream.of(args).map(this::named).toList();
    ModuleSpec spec = new ModuleSpec(Fixtures.path("paths.wasm"), argv, mode);
    return runtime.execute(
        ExecutionRequest.builder("links", "tool", spec)
            .mount(new Mount(data, "/data", false))
            .mount(new Mount(readOnly, "/ro", true))
            .build());
  }

  /**
   * {@code SHADOW} stands for the shadow folder's path relative to the working folder ({@code
   * target/link-shadow-<id>}), {@code UP} for the {@code ../..} that climbs back out of it.
   */
  private String named(String text) {
    String up =
        String.join("/", java.util.Collections.nCopies(shadowRelative.getNameCount(), ".."));
    return text.replace("SHADOW", shadowRelative.toString()).replace("UP", up);
  }

  /** A file in the data preopen. */
  private void inData(String name, String content) throws IOException {
    Path file = data.resolve(named(name));
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** A file in the shadow tree, outside every preopen, reachable from the working folder. */
  private void inShadow(String name, String content) throws IOException {
    Files.writeString(shadow.resolve(name), content);
  }

  /** A symbolic link whose target is kept exactly as given. */
  private void link(Path where, String target) throws IOException {
    Path at = Path.of(named(where.toString()));
    Files.createDirectories(at.getParent());
    Files.createSymbolicLink(at, Path.of(named(target)));
  }
}
