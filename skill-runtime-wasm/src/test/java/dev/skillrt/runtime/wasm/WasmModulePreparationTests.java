package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Module size and the time spent reading, parsing and compiling, with real generated modules of a
 * few megabytes: bounded, shared between calls, and counted against each call's timeout.
 */
class WasmModulePreparationTests {

  @TempDir Path dir;

  private static WasmSkillRuntime runtime(WasmRuntimeConfig config) {
    return new WasmSkillRuntime(config);
  }

  private static WasmRuntimeConfig noDiskCache() {
    return WasmRuntimeConfig.defaults().withoutDiskCache();
  }

  private static ExecutionRequest request(ModuleSpec spec, Duration timeout) {
    return ExecutionRequest.builder("generated", "tool", spec)
        .limits(Limits.builder().timeout(timeout).build())
        .build();
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aGeneratedModuleRuns(WasmMode mode) throws Exception {
    Path module = GeneratedModules.write(dir.resolve("small.wasm"), 10, 10);
    try (WasmSkillRuntime runtime = runtime(noDiskCache())) {
      ExecutionResult r =
          runtime.execute(request(new ModuleSpec(module, List.of(), mode), Duration.ofSeconds(60)));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.stdout().text()).isEqualTo(GeneratedModules.GREETING);
      assertThat(r.metadata())
          .containsEntry("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  // ---- size ---------------------------------------------------------------------------------

  @Test
  void aModuleLargerThanMaxModuleSizeIsDeniedWithoutBeingRead() throws Exception {
    Path big = GeneratedModules.write(dir.resolve("big.wasm"), 4000, 100);
    assertThat(Files.size(big)).isGreaterThan(1 << 20);
    try (WasmSkillRuntime runtime =
        runtime(noDiskCache().withMaxModuleSize(DataSize.ofMebibytes(1)))) {
      ExecutionResult r =
          runtime.execute(request(ModuleSpec.of(big, List.of()), Duration.ofSeconds(60)));

      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations())
          .extracting(Violation::ruleId)
          .containsExactly(WasmSkillRuntime.MODULE_TOO_LARGE);
      assertThat(r.message())
          .contains(big.toString())
          .contains("1.2 MiB")
          .contains("max-module-size of 1m")
          .contains("raise the runtime's max-module-size");
      assertThat(runtime.modules().parses()).as("modules parsed").isZero();
    }
  }

  @Test
  void theSizeRuleReportsAtValidation() throws Exception {
    Path big = GeneratedModules.write(dir.resolve("big.wasm"), 4000, 100);
    ExecutionRequest request = request(ModuleSpec.of(big, List.of()), Duration.ofSeconds(5));

    var providerRules =
        new WasmSkillRuntimeProvider()
            .policyRules(RuntimeConfig.of(Map.of("max-module-size", "1m", "cache-dir", "none")));
    assertThat(PolicyRules.evaluate(providerRules, request, PolicyPhase.VALIDATE))
        .extracting(Violation::ruleId)
        .containsExactly(WasmSkillRuntime.MODULE_TOO_LARGE);

    try (WasmSkillRuntime runtime =
        runtime(noDiskCache().withMaxModuleSize(DataSize.ofMebibytes(1)))) {
      assertThat(runtime.check(request, PolicyPhase.VALIDATE))
          .extracting(Violation::ruleId)
          .containsExactly(WasmSkillRuntime.MODULE_TOO_LARGE);
    }
  }

  @Test
  void aFileLargerThanItsSizeSaysIsReadOnlyUpToTheLimit() {
    // /proc files say they are empty and are not: what a file that grows after the check looks like
    Path growing = Path.of("/proc/self/maps");
    assertThat(growing).isRegularFile();
    try (WasmSkillRuntime runtime =
        runtime(noDiskCache().withMaxModuleSize(DataSize.ofKibibytes(1)))) {
      ExecutionResult r =
          runtime.execute(request(ModuleSpec.of(growing, List.of()), Duration.ofSeconds(60)));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations())
          .extracting(Violation::ruleId)
          .containsExactly(WasmSkillRuntime.MODULE_TOO_LARGE);
      assertThat(r.message())
          .contains("grew past the wasm runtime's max-module-size of 1k while being read");
    }
  }

  @Test
  void aModuleThatIsNotARegularFileIsAConfigurationErrorNotAHang() {
    try (WasmSkillRuntime runtime = runtime(noDiskCache())) {
      assertThatThrownBy(
              () ->
                  runtime.execute(
                      request(
                          ModuleSpec.of(Path.of("/dev/zero"), List.of()), Duration.ofSeconds(5))))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("/dev/zero is not a regular file");
    }
  }

  @Test
  void badSizeAndCompileSettingsAreReportedTogether() {
    assertThatThrownBy(
            () ->
                WasmRuntimeConfig.from(
                    RuntimeConfig.of(Map.of("max-module-size", "0", "compile-timeout", "0s"))))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(2))
        .hasMessageContaining("max-module-size")
        .hasMessageContaining("compile-timeout");
    assertThat(WasmRuntimeConfig.defaults().maxModuleSize()).isEqualTo(DataSize.ofMebibytes(16));
  }

  // ---- time ---------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aCallWhoseTimeRunsOutWhilePreparingTheModuleTimesOut(WasmMode mode) throws Exception {
    // about 3 MB of code: seconds of parsing (and compiling) on a small machine
    Path slow = GeneratedModules.write(dir.resolve("slow.wasm"), 10_000, 100);
    ModuleSpec spec = new ModuleSpec(slow, List.of(), mode);
    Duration timeout = Duration.ofMillis(100);
    try (WasmSkillRuntime runtime = runtime(noDiskCache())) {
      long start = System.nanoTime();
      ExecutionResult r = runtime.execute(request(spec, timeout));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf(
          "preparing %s (%s): %s after %d ms%n",
          slow.getFileName(), mode, r.status(), took.toMillis());

      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertThat(r.metadata()).containsEntry("limit", "timeout");
      assertThat(r.message())
          .contains("timed out after " + timeout)
          .contains("while still preparing the module")
          .contains(slow.toString());
      assertThat(took).isLessThan(timeout.plusSeconds(2));

      // the preparation went on and is shared: a later call with time to spare finds it
      ExecutionResult later = runtime.execute(request(spec, Duration.ofSeconds(120)));
      assertThat(later.status()).as(later.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(later.stdout().text()).isEqualTo(GeneratedModules.GREETING);
      assertThat(runtime.modules().parses()).isEqualTo(1);
    }
  }

  @Test
  void concurrentCallsShareOneParseAndOneCompile() throws Exception {
    Path module = GeneratedModules.write(dir.resolve("shared.wasm"), 3000, 50);
    int n = 6;
    try (WasmSkillRuntime runtime = runtime(noDiskCache())) {
      ExecutorService pool = Executors.newFixedThreadPool(n);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<ExecutionResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    return runtime.execute(
                        request(ModuleSpec.of(module, List.of()), Duration.ofSeconds(120)));
                  }));
        }
        go.countDown();
        for (Future<ExecutionResult> call : calls) {
          ExecutionResult r = call.get(180, TimeUnit.SECONDS);
          assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
          assertThat(r.stdout().text()).isEqualTo(GeneratedModules.GREETING);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(runtime.modules().parses()).as("parses").isEqualTo(1);
      assertThat(runtime.modules().compiles()).as("compiles").isEqualTo(1);
    }
  }

  @Test
  void pastCompileTimeoutCallsRunInterpretedUntilTheCompiledFormIsReady() throws Exception {
    Path module = GeneratedModules.write(dir.resolve("compiles-slowly.wasm"), 3000, 50);
    ModuleSpec spec = ModuleSpec.of(module, List.of());
    try (WasmSkillRuntime runtime =
        runtime(noDiskCache().withCompileTimeout(Duration.ofMillis(1)))) {
      AtomicReference<ExecutionResult> first = new AtomicReference<>();
      AtomicReference<ExecutionResult> second = new AtomicReference<>();
      String warnings =
          CacheAttacks.stderrOf(
              () -> {
                first.set(runtime.execute(request(spec, Duration.ofSeconds(120))));
                second.set(runtime.execute(request(spec, Duration.ofSeconds(120))));
              });

      for (ExecutionResult r : List.of(first.get(), second.get())) {
        assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(r.stdout().text()).isEqualTo(GeneratedModules.GREETING);
      }
      assertThat(Objects.requireNonNull(first.get()).metadata())
          .containsEntry("mode", "interpreted")
          .containsEntry(
              "interpreted-because",
              "its compiled form was not ready within compile-timeout (1ms)");
      assertThat(warnings)
          .containsOnlyOnce("is not compiled 1ms after it was first asked for")
          .contains(module.toString());

      // the one compile goes on, and later calls use it
      ExecutionResult r = Objects.requireNonNull(second.get());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!"compiled".equals(r.metadata().get("mode")) && System.nanoTime() < deadline) {
        Thread.sleep(100);
        r = runtime.execute(request(spec, Duration.ofSeconds(120)));
      }
      assertThat(r.metadata())
          .containsEntry("mode", "compiled")
          .doesNotContainKey("interpreted-because");
      assertThat(r.stdout().text()).isEqualTo(GeneratedModules.GREETING);
      assertThat(runtime.modules().compiles()).as("compiles").isEqualTo(1);
    }
  }
}
