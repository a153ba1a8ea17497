package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.runtime.wasm.internal.DiskCompiledCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-module cache: in memory per content, on disk across runtimes, robust to damage. */
class WasmCacheTests {

  @TempDir Path cacheRoot;

  private WasmSkillRuntime freshRuntime() {
    return new WasmSkillRuntime(WasmRuntimeConfig.defaults().withCacheDirectory(cacheRoot));
  }

  private static ExecutionResult fib(WasmSkillRuntime runtime, ModuleSpec spec) {
    return runtime.execute(ExecutionRequest.builder("cache", "tool", spec).build());
  }

  private static ModuleSpec fib20(Path module) {
    return ModuleSpec.of(module, List.of("fib", "20"));
  }

  private Path entry() throws Exception {
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(Fixtures.path("skill.wasm"))));
    return DiskCompiledCache.open(cacheRoot).entryFor(sha);
  }

  @Test
  void theCompiledFormIsWrittenUnderTheModulesSha256AndReadByTheNextRuntime() throws Exception {
    try (WasmSkillRuntime first = freshRuntime()) {
      assertThat(fib(first, fib20(Fixtures.path("skill.wasm"))).stdout().text())
          .isEqualTo("6765\n");
    }
    Path entry = entry();
    assertThat(entry).isRegularFile();
    byte[] written = Files.readAllBytes(entry);
    FileTime stamp = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(entry, stamp);

    try (WasmSkillRuntime second = freshRuntime()) {
      ExecutionResult r = fib(second, fib20(Fixtures.path("skill.wasm")));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().text()).isEqualTo("6765\n");
    }
    assertThat(Files.getLastModifiedTime(entry))
        .as("a hit does not rewrite the entry")
        .isEqualTo(stamp);
    assertThat(Files.readAllBytes(entry)).isEqualTo(written);
  }

  @Test
  void aCorruptEntryIsIgnoredAndRebuilt() throws Exception {
    try (WasmSkillRuntime first = freshRuntime()) {
      fib(first, fib20(Fixtures.path("skill.wasm")));
    }
    Path entry = entry();
    byte[] bytes = Files.readAllBytes(entry);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] ^= (byte) 0x5a;
    }
    Files.write(entry, bytes);

    try (WasmSkillRuntime second = freshRuntime()) {
      ExecutionResult r = fib(second, fib20(Fixtures.path("skill.wasm")));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().text()).isEqualTo("6765\n");
    }
    assertThat(Files.readAllBytes(entry)).isNotEqualTo(bytes);
    assertThat(DiskCompiledCache.open(cacheRoot).get(chicoryKey()))
        .as("rebuilt entry verifies")
        .isNotNull();
  }

  @Test
  void aTruncatedEntryIsIgnoredAndRebuilt() throws Exception {
    Path entry = entry();
    Files.createDirectories(entry.getParent());
    Files.write(entry, new byte[] {1, 2, 3});
    try (WasmSkillRuntime runtime = freshRuntime()) {
      ExecutionResult r = fib(runtime, fib20(Fixtures.path("skill.wasm")));
      assertThat(r.stdout().text()).isEqualTo("6765\n");
    }
    assertThat(Files.size(entry)).isGreaterThan(1000);
  }

  @Test
  void anEntryThatVerifiesButCannotBeLoadedIsReplaced() throws Exception {
    // A well-formed entry whose payload is not what Chicory wrote (e.g. from an incompatible
    // build): the checksum passes, Chicory fails to load it, the runtime compiles afresh.
    DiskCompiledCache cache = DiskCompiledCache.open(cacheRoot);
    cache.putIfAbsent(chicoryKey(), "not a jar at all".getBytes(StandardCharsets.UTF_8));
    byte[] stale = Files.readAllBytes(entry());
    try (WasmSkillRuntime runtime = freshRuntime()) {
      ExecutionResult r = fib(runtime, fib20(Fixtures.path("skill.wasm")));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().text()).isEqualTo("6765\n");
    }
    assertThat(Files.readAllBytes(entry())).isNotEqualTo(stale);
  }

  @Test
  void theSameBytesAtTwoPathsShareOneCompiledForm(@TempDir Path other) throws Exception {
    Path copy = Files.copy(Fixtures.path("skill.wasm"), other.resolve("copy.wasm"));
    try (WasmSkillRuntime runtime = freshRuntime()) {
      fib(runtime, fib20(Fixtures.path("skill.wasm")));
      fib(runtime, fib20(copy));
    }
    try (Stream<Path> entries = Files.list(entry().getParent())) {
      assertThat(entries.filter(p -> p.toString().endsWith(".bin")).toList())
          .containsExactly(entry());
    }
  }

  @Test
  void aHundredConcurrentCallsOnAFreshRuntimeEachGetTheirOwnOutput() throws Exception {
    int n = 100;
    try (WasmSkillRuntime runtime = freshRuntime()) {
      ExecutorService pool = Executors.newFixedThreadPool(n);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<ExecutionResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          ModuleSpec spec =
              new ModuleSpec(
                  Fixtures.path("skill.wasm"), List.of("args", "call-" + i), WasmMode.COMPILED);
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    return runtime.execute(
                        ExecutionRequest.builder("s" + spec.arguments().get(1), "tool", spec)
                            .limits(Limits.builder().timeout(Duration.ofSeconds(60)).build())
                            .build());
                  }));
        }
        go.countDown();
        for (int i = 0; i < n; i++) {
          ExecutionResult r = calls.get(i).get(120, TimeUnit.SECONDS);
          assertThat(r.status())
              .as("call %d: %s", i, r.message())
              .isEqualTo(ExecutionStatus.SUCCEEDED);
          assertThat(r.stdout().text()).isEqualTo("scall-" + i + "\nargs\ncall-" + i + "\n");
        }
      } finally {
        pool.shutdownNow();
      }
    }
    try (Stream<Path> entries = Files.list(entry().getParent())) {
      assertThat(entries.filter(p -> p.toString().endsWith(".bin")).count()).isEqualTo(1);
    }
  }

  @Test
  void aModuleFileChangedInPlaceIsRunAsItsNewContent(@TempDir Path dir) throws Exception {
    Path module = dir.resolve("changing.wasm");
    Files.copy(Fixtures.path("hello.wasm"), module);
    try (WasmSkillRuntime runtime = freshRuntime()) {
      ExecutionResult before = fib(runtime, ModuleSpec.of(module, List.of()));
      assertThat(before.stdout().text()).isEqualTo("hello, world\n");
      Files.copy(
          Fixtures.path("skill.wasm"), module, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      ExecutionResult after = fib(runtime, fib20(module));
      assertThat(after.stdout().text()).isEqualTo("6765\n");
    }
  }

  private static String chicoryKey() throws Exception {
    return com.dylibso.chicory.wasm.Parser.parse(Fixtures.path("skill.wasm")).digest();
  }
}
