package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.runtime.wasm.WasiTestSuite.Program;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official WASI test suite's {@code wasm32-wasip1} programs through the runtime, judged as the
 * suite's own runner judges them ({@link WasiTestSuite}): every one passes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmWasiConformanceTests {

  private WasmSkillRuntime runtime;

  @BeforeAll
  void start() {
    runtime = new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache());
  }

  @AfterAll
  void stop() {
    runtime.close();
  }

  List<Program> programs() {
    return WasiTestSuite.programs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void passes(Program program, @TempDir Path scratch) {
    ExecutionRequest.Builder request =
        ExecutionRequest.builder(
                program.wasm().getFileName().toString(),
                "run",
                ModuleSpec.of(program.wasm(), program.args()))
            .environment(program.env())
            .limits(Limits.builder().timeout(Duration.ofMinutes(2)).build());
    Optional<Path> root = program.freshRoot(scratch);
    root.ifPresent(r -> request.mount(new Mount(r, "/", false)));

    ExecutionResult result = runtime.execute(request.build());

    assertThat(program.judge(result.exitCode(), result.stdout().text()))
        .as(
            "%s: %s (%s)%nstdout: %s%nstderr: %s",
            program,
            result.status(),
            result.message(),
            result.stdout().text(),
            result.stderr().text())
        .isEmpty();
  }
}
