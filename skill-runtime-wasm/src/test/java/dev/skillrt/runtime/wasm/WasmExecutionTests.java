package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.RuntimeSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The skill protocol: argv, environment, exit codes, traps, both execution modes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmExecutionTests {

  private WasmSkillRuntime runtime;

  @BeforeAll
  void start() {
    runtime = new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache());
  }

  @AfterAll
  void stop() {
    runtime.close();
  }

  private ExecutionResult run(RuntimeSpec spec) {
    return runtime.execute(ExecutionRequest.builder("my-skill", "tool", spec).build());
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void argvIsTheSkillNameThenTheArguments(WasmMode mode) {
    ExecutionResult r = run(Fixtures.skill(mode, "args", "two words", "ünïcode"));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("my-skill\nargs\ntwo words\nünïcode\n");
  }

  @Test
  void theEnvironmentIsOnlyWhatTheRequestGives() {
    ExecutionResult r =
        runtime.execute(
            ExecutionRequest.builder("my-skill", "tool", Fixtures.skill("environ"))
                .env("SKILL_INSTANCE", "prod")
                .env("SKILL_CONFIG_REGION", "eu")
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text().lines().sorted().toList())
        .containsExactly("SKILL_CONFIG_REGION=eu", "SKILL_INSTANCE=prod");
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void procExitIsTheExitCode(WasmMode mode) {
    ExecutionResult r = run(Fixtures.skill(mode, "exit", "7"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.exitCode()).hasValue(7);
    assertThat(r.message()).contains("exited with 7");
  }

  @Test
  void returningFromStartIsExitZero() {
    ExecutionResult r = run(Fixtures.wat("hello"));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.exitCode()).hasValue(0);
    assertThat(r.stdout().text()).isEqualTo("hello, world\n");
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void aTrapIsFailedWithTheTrapMessage(WasmMode mode) {
    ExecutionResult r = run(new ModuleSpec(Fixtures.path("trap.wasm"), List.of(), mode));
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.exitCode()).isEmpty();
    assertThat(r.message()).startsWith("trap: ").containsIgnoringCase("unreachable");
  }

  @Test
  void aTrapInCompiledCIsFailed() {
    ExecutionResult r = run(Fixtures.skill("trap"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.message()).startsWith("trap: ");
  }

  @ParameterizedTest
  @EnumSource(WasmMode.class)
  void runawayRecursionIsATrapNotACrash(WasmMode mode) {
    ExecutionResult r = run(Fixtures.skill(mode, "recurse"));
    System.out.println("runaway recursion (" + mode + "): " + r.status() + ", " + r.message());
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.message()).startsWith("trap: ");
    ExecutionResult after = run(Fixtures.skill(mode, "args"));
    assertThat(after.status()).as("the runtime still serves").isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void interpretedModeComputesWhatCompiledModeComputes() {
    ExecutionResult compiled = run(Fixtures.skill(WasmMode.COMPILED, "fib", "20"));
    ExecutionResult interpreted = run(Fixtures.skill(WasmMode.INTERPRETED, "fib", "20"));
    assertThat(compiled.stdout().text()).isEqualTo("6765\n");
    assertThat(interpreted.stdout().text()).isEqualTo("6765\n");
  }

  @Test
  void aMissingModuleIsAConfigurationError(@TempDir Path dir) {
    Path missing = dir.resolve("nope.wasm");
    assertThatThrownBy(() -> run(ModuleSpec.of(missing, List.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void theProviderIsFoundByServiceLoaderAsWasm() {
    var provider =
        java.util.ServiceLoader.load(dev.skillrt.spi.SkillRuntimeProvider.class).stream()
            .map(java.util.ServiceLoader.Provider::get)
            .filter(p -> p.id().equals("wasm"))
            .findFirst();
    assertThat(provider).get().isInstanceOf(WasmSkillRuntimeProvider.class);
    assertThat(provider.get().probe(dev.skillrt.spi.RuntimeConfig.empty()).isAvailable()).isTrue();
    try (var created =
        provider
            .get()
            .create(dev.skillrt.spi.RuntimeConfig.of(java.util.Map.of("cache-dir", "none")))) {
      assertThat(created.id()).isEqualTo("wasm");
    }
  }

  @Test
  void badSettingsAreReportedTogether() {
    assertThatThrownBy(
            () ->
                WasmRuntimeConfig.from(
                    dev.skillrt.spi.RuntimeConfig.of(
                        java.util.Map.of("default-memory", "lots", "max-concurrent-calls", "0"))))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(2))
        .hasMessageContaining("default-memory");
  }
}
