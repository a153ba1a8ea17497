package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.runtime.wasm.internal.DiskCompiledCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The disk cache holds classes the JVM defines and runs: only a folder and entries that the JVM's
 * user alone can have written are trusted. Each test plants real code (a class whose static
 * initialiser leaves a marker file) the way someone else would, and checks that it never runs while
 * the call still succeeds with the real module's output.
 */
class WasmCacheTrustTests {

  private static final int NOBODY = 65534;

  @TempDir Path dir;
  private Path marker;

  @BeforeEach
  void arm() {
    marker = dir.resolve("planted-code-ran");
    System.setProperty(PlantedCode.MARKER_PROPERTY, marker.toString());
  }

  @AfterEach
  void disarm() {
    System.clearProperty(PlantedCode.MARKER_PROPERTY);
  }

  // ---- the folder ---------------------------------------------------------------------------

  @Test
  void aCacheFolderOfAnotherUserIsRefusedAndNothingInItIsReadOrWritten() throws Exception {
    requireRoot();
    Path root = dir.resolve("cache");
    plantOldFormatEntry(root);
    chownTree(root, NOBODY);
    Map<String, String> before = listing(root);

    AtomicReference<ExecutionResult> result = new AtomicReference<>();
    String warnings = CacheAttacks.stderrOf(() -> result.set(fibWithCacheAt(root, true)));

    assertThat(ran(result).status()).as(ran(result).message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ran(result).stdout().text()).isEqualTo("6765\n");
    assertThat(marker).as("the planted class ran").doesNotExist();
    assertThat(warnings)
        .contains("WARN")
        .contains(root.toString())
        .contains("belongs to uid " + NOBODY)
        .contains("'cache-dir'");
    assertThat(listing(root)).as("nothing written in the folder").isEqualTo(before);
  }

  @Test
  void aCacheFolderWritableByOthersIsRefused() throws Exception {
    Path root = dir.resolve("cache");
    plantOldFormatEntry(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
    Map<String, String> before = listing(root);

    AtomicReference<ExecutionResult> result = new AtomicReference<>();
    String warnings = CacheAttacks.stderrOf(() -> result.set(fibWithCacheAt(root, true)));

    assertThat(ran(result).status()).as(ran(result).message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ran(result).stdout().text()).isEqualTo("6765\n");
    assertThat(marker).as("the planted class ran").doesNotExist();
    assertThat(warnings).contains(root.toString()).contains("writable by group or others");
    assertThat(listing(root)).isEqualTo(before);
  }

  @Test
  void aCacheFolderInsideAFolderOthersCanWriteIsRefusedUnlessItIsSticky() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path root = shared.resolve("cache");
    plantOldFormatEntry(root);

    AtomicReference<ExecutionResult> result = new AtomicReference<>();
    String warnings = CacheAttacks.stderrOf(() -> result.set(fibWithCacheAt(root, true)));
    assertThat(ran(result).stdout().text()).isEqualTo("6765\n");
    assertThat(marker).doesNotExist();
    assertThat(warnings).contains(shared.toString()).contains("without the sticky bit");

    // like /tmp: others may write, but only a file's owner may remove or rename it
    Files.setAttribute(shared, "unix:mode", 01777);
    try (WasmSkillRuntime runtime = runtimeWithCacheAt(root)) {
      assertThat(runtime.diskCacheFolder()).isPresent();
    }
  }

  @Test
  void aMissingCacheFolderIsNotCreatedInsideAFolderOthersControl() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path root = shared.resolve("cache");
    String warnings = CacheAttacks.stderrOf(() -> fibWithCacheAt(root, true));
    assertThat(warnings).contains(shared.toString());
    assertThat(root).as("created in a folder others can write").doesNotExist();
  }

  @Test
  void aMissingCacheFolderIsNotCreatedInsideAFolderOfAnotherUser() throws Exception {
    requireRoot();
    Path theirs = Files.createDirectory(dir.resolve("theirs"));
    Files.setAttribute(theirs, "unix:uid", NOBODY);
    Path root = theirs.resolve("cache");
    String warnings = CacheAttacks.stderrOf(() -> fibWithCacheAt(root, true));
    assertThat(warnings)
        .contains("the wasm compiled-module cache folder " + root)
        .contains(theirs + " belongs to uid " + NOBODY);
    assertThat(root).doesNotExist();
  }

  @Test
  void aCacheFolderThatIsASymbolicLinkIsRefused() throws Exception {
    Path real = dir.resolve("real-cache");
    plantOldFormatEntry(real);
    Path root = Files.createSymbolicLink(dir.resolve("cache"), real);
    AtomicReference<ExecutionResult> result = new AtomicReference<>();
    String warnings = CacheAttacks.stderrOf(() -> result.set(fibWithCacheAt(root, true)));
    assertThat(ran(result).stdout().text()).isEqualTo("6765\n");
    assertThat(marker).doesNotExist();
    assertThat(warnings).contains(root.toString()).contains("symbolic link");
  }

  @Test
  void missingFoldersAreCreatedForTheOwnerOnly() throws Exception {
    Path root = dir.resolve("a").resolve("b").resolve("cache");
    DiskCompiledCache cache = DiskCompiledCache.open(root);
    for (Path p : List.of(dir.resolve("a"), dir.resolve("a/b"), root, cache.folder())) {
      assertThat(Files.getAttribute(p, "unix:mode")).as("mode of %s", p).isEqualTo(040700);
    }
    assertThat(Files.getAttribute(root.resolve("hmac-key"), "unix:mode")).isEqualTo(0100600);
    assertThat(Files.size(root.resolve("hmac-key"))).isEqualTo(32);
  }

  @Test
  void theDefaultFolderIsTheUsersOwnCacheFolder() {
    assertThat(WasmRuntimeConfig.defaultCacheDirectory("/var/cache/me", "/home/me"))
        .isEqualTo(Path.of("/var/cache/me/skillrt/wasm"));
    assertThat(WasmRuntimeConfig.defaultCacheDirectory(null, "/home/me"))
        .isEqualTo(Path.of("/home/me/.cache/skillrt/wasm"));
    assertThat(WasmRuntimeConfig.defaultCacheDirectory("relative/cache", "/home/me"))
        .as("a relative XDG_CACHE_HOME is ignored")
        .isEqualTo(Path.of("/home/me/.cache/skillrt/wasm"));
    assertThat(WasmRuntimeConfig.defaults().cacheDirectory())
        .contains(WasmRuntimeConfig.DEFAULT_CACHE_DIR);
    assertThat(WasmRuntimeConfig.DEFAULT_CACHE_DIR.toString())
        .doesNotStartWith(System.getProperty("java.io.tmpdir"));
  }

  // ---- the entries --------------------------------------------------------------------------

  @Test
  void aForgedEntryInTheFormerFormatNeverRuns() throws Exception {
    Path root = dir.resolve("cache");
    Path entry = plantOldFormatEntry(root);

    ExecutionResult r = fibWithCacheAt(root, false);

    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("6765\n");
    assertThat(marker).as("the planted class ran").doesNotExist();
    assertThat(DiskCompiledCache.open(root).get(skillKey()))
        .as("the forged entry was replaced by a real one")
        .isNotNull()
        .isNotEqualTo(CacheAttacks.plantedPayload());
    assertThat(Files.getAttribute(entry, "unix:mode")).isEqualTo(0100600);
  }

  @Test
  void theEntryOfAnotherModuleRenamedToThisOneIsNotUsed() throws Exception {
    Path root = dir.resolve("cache");
    try (WasmSkillRuntime runtime = runtimeWithCacheAt(root)) {
      ExecutionResult hello = runtime.execute(request(Fixtures.wat("hello")));
      assertThat(hello.stdout().text()).isEqualTo("hello, world\n");
    }
    DiskCompiledCache cache = DiskCompiledCache.open(root);
    Path helloEntry = cache.entryFor(CacheAttacks.sha256Hex(Fixtures.path("hello.wasm")));
    Path skillEntry = cache.entryFor(CacheAttacks.sha256Hex(Fixtures.path("skill.wasm")));
    Files.copy(helloEntry, skillEntry);
    Files.setPosixFilePermissions(skillEntry, PosixFilePermissions.fromString("rw-------"));

    ExecutionResult r = fibWithCacheAt(root, false);

    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).as("the real module's output").isEqualTo("6765\n");
    assertThat(Files.readAllBytes(skillEntry)).isNotEqualTo(Files.readAllBytes(helloEntry));
  }

  @Test
  void thePlantedPayloadRunsWhenItsEntryIsAuthentic() throws Exception {
    // What is at stake: an entry the cache trusts is defined and initialised by the JVM.
    Path root = dir.resolve("cache");
    DiskCompiledCache.open(root).putIfAbsent(skillKey(), CacheAttacks.plantedPayload());
    ExecutionResult r = fibWithCacheAt(root, false);
    assertThat(marker).as("the planted class ran").exists();
    assertThat(r.stdout().text())
        .as("the runtime compiled the real module after all")
        .isEqualTo("6765\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw----rw-", "r--------", "rwx------"})
  void anAuthenticEntryWithAnotherModeIsNotUsed(String mode) throws Exception {
    Path root = dir.resolve("cache");
    DiskCompiledCache cache = DiskCompiledCache.open(root);
    cache.putIfAbsent(skillKey(), CacheAttacks.plantedPayload());
    Path entry = cache.entryFor(CacheAttacks.sha256Hex(Fixtures.path("skill.wasm")));
    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString(mode));

    ExecutionResult r = fibWithCacheAt(root, false);

    assertThat(r.stdout().text()).isEqualTo("6765\n");
    assertThat(marker).as("the planted class ran").doesNotExist();
    assertThat(Files.getAttribute(entry, "unix:mode"))
        .as("replaced by a fresh entry")
        .isEqualTo(0100600);
  }

  @Test
  void anAuthenticEntryOfAnotherOwnerIsNotUsed() throws Exception {
    requireRoot();
    Path root = dir.resolve("cache");
    DiskCompiledCache cache = DiskCompiledCache.open(root);
    cache.putIfAbsent(skillKey(), CacheAttacks.plantedPayload());
    Path entry = cache.entryFor(CacheAttacks.sha256Hex(Fixtures.path("skill.wasm")));
    Files.setAttribute(entry, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);

    ExecutionResult r = fibWithCacheAt(root, false);

    assertThat(r.stdout().text()).isEqualTo("6765\n");
    assertThat(marker).as("the planted class ran").doesNotExist();
  }

  @Test
  void anEntryThatIsASymbolicLinkIsNotFollowed() throws Exception {
    Path root = dir.resolve("cache");
    DiskCompiledCache cache = DiskCompiledCache.open(root);
    cache.putIfAbsent(skillKey(), CacheAttacks.plantedPayload());
    Path entry = cache.entryFor(CacheAttacks.sha256Hex(Fixtures.path("skill.wasm")));
    Path elsewhere = Files.move(entry, dir.resolve("elsewhere.bin"));
    Files.createSymbolicLink(entry, elsewhere);

    ExecutionResult r = fibWithCacheAt(root, false);

    assertThat(r.stdout().text()).isEqualTo("6765\n");
    assertThat(marker).as("the planted class ran").doesNotExist();
    assertThat(Files.isSymbolicLink(entry))
        .as("the link was removed and a real entry written")
        .isFalse();
  }

  // ---- the key ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw----r--"})
  void aKeyOthersCanReadRefusesTheCache(String mode) throws Exception {
    Path root = dir.resolve("cache");
    DiskCompiledCache.open(root).putIfAbsent(skillKey(), CacheAttacks.plantedPayload());
    Path key = root.resolve("hmac-key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(mode));

    AtomicReference<ExecutionResult> result = new AtomicReference<>();
    String warnings = CacheAttacks.stderrOf(() -> result.set(fibWithCacheAt(root, true)));

    assertThat(ran(result).status()).as(ran(result).message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ran(result).stdout().text()).isEqualTo("6765\n");
    assertThat(marker).as("the planted class ran").doesNotExist();
    assertThat(warnings).contains(key.toString()).contains("must be 0600");
  }

  @Test
  void aKeyThatIsASymbolicLinkRefusesTheCache() throws Exception {
    Path root = dir.resolve("cache");
    DiskCompiledCache.open(root);
    Path key = root.resolve("hmac-key");
    Path elsewhere = Files.move(key, dir.resolve("elsewhere-key"));
    Files.createSymbolicLink(key, elsewhere);
    String warnings =
        CacheAttacks.stderrOf(
            () -> {
              try (WasmSkillRuntime runtime = runtimeWithCacheAt(root)) {
                assertThat(runtime.diskCacheFolder()).isEmpty();
              }
            });
    assertThat(warnings).contains(key.toString()).contains("symbolic link");
  }

  @Test
  void aKeyOfAnotherOwnerRefusesTheCache() throws Exception {
    requireRoot();
    Path root = dir.resolve("cache");
    DiskCompiledCache.open(root);
    Files.setAttribute(root.resolve("hmac-key"), "unix:uid", NOBODY);
    String warnings =
        CacheAttacks.stderrOf(
            () -> {
              try (WasmSkillRuntime runtime = runtimeWithCacheAt(root)) {
                assertThat(runtime.diskCacheFolder()).isEmpty();
              }
            });
    assertThat(warnings).contains("belongs to uid " + NOBODY);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static WasmSkillRuntime runtimeWithCacheAt(Path root) {
    return new WasmSkillRuntime(WasmRuntimeConfig.defaults().withCacheDirectory(root));
  }

  private static ExecutionRequest request(ModuleSpec spec) {
    return ExecutionRequest.builder("cache", "tool", spec).build();
  }

  /** Runs {@code fib 20} on a fresh runtime with its disk cache at {@code root}. */
  private static ExecutionResult fibWithCacheAt(Path root, boolean expectRefused) {
    try (WasmSkillRuntime runtime = runtimeWithCacheAt(root)) {
      assertThat(runtime.diskCacheFolder())
          .as("disk cache in use")
          .matches(f -> f.isEmpty() == expectRefused);
      return runtime.execute(request(Fixtures.skill("fib", "20")));
    }
  }

  private static String skillKey() {
    return CacheAttacks.chicoryKey(Fixtures.path("skill.wasm"));
  }

  /**
   * Plants, where the cache keeps skill.wasm's compiled form, an entry that the former format
   * accepted (magic line, sha-256 of the payload, payload) holding {@link PlantedCode}.
   */
  private static Path plantOldFormatEntry(Path root) throws Exception {
    Path folder = Files.createDirectories(root.resolve(CacheAttacks.versionFolder()));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    Path entry = folder.resolve(CacheAttacks.sha256Hex(Fixtures.path("skill.wasm")) + ".bin");
    Files.write(entry, CacheAttacks.oldFormatEntry(CacheAttacks.plantedPayload()));
    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-------"));
    return entry;
  }

  private static void chownTree(Path root, int uid) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /** Every path under {@code root} with its size and modification time. */
  private static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        out.put(
            root.relativize(p).toString(),
            Files.size(p) + "@" + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return out;
  }

  private static ExecutionResult ran(AtomicReference<ExecutionResult> result) {
    return Objects.requireNonNull(result.get(), "the call gave no result");
  }

  private static void requireRoot() {
    if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
      return;
    }
    String why = "handing a file to another user (uid " + NOBODY + ") needs root";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why + "; CI runs the tests as root");
    }
    Assumptions.abort(why);
  }
}
