package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that is a WebAssembly component (WASI preview 2), or no WebAssembly at all, is refused
 * by rule {@value WasmSkillRuntime#NOT_A_CORE_MODULE}, at validation and at the call alike, with
 * what it is and what the runtime runs; never a parse error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasmModuleFormatTests {

  /** The component model's header ({@code \0asm}, version 0x0d, layer 1) and one custom section. */
  static byte[] component() {
    byte[] name = "fixture".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] out = new byte[8 + 2 + 1 + name.length];
    byte[] header = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
    System.arraycopy(header, 0, out, 0, 8);
    out[8] = 0; // custom section
    out[9] = (byte) (1 + name.length);
    out[10] = (byte) name.length;
    System.arraycopy(name, 0, out, 11, name.length);
    return out;
  }

  private WasmSkillRuntime runtime;
  @TempDir Path dir;

  @BeforeAll
  void start() {
    runtime = new WasmSkillRuntime(WasmRuntimeConfig.defaults().withoutDiskCache());
  }

  @AfterAll
  void stop() {
    runtime.close();
  }

  @Test
  void aComponentIsRefusedSayingWhatItIsAndWhatRuns() throws IOException {
    Path component = Files.write(dir.resolve("skill.wasm"), component());

    ExecutionResult r = run(component);

    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo(WasmSkillRuntime.NOT_A_CORE_MODULE);
              assertThat(v.message())
                  .contains(component.toString())
                  .contains("is a WebAssembly component (the component model, WASI preview 2)")
                  .contains("WASI preview 1 core modules")
                  .contains("wasm32-wasip1");
            });
    assertThat(validate(component))
        .singleElement()
        .extracting(Violation::ruleId)
        .isEqualTo(WasmSkillRuntime.NOT_A_CORE_MODULE);
  }

  @Test
  void aFileThatIsNotWebAssemblyIsRefusedSayingSo() throws IOException {
    Path script = Files.writeString(dir.resolve("script.wasm"), "#!/bin/sh\necho hi\n");
    Path empty = Files.write(dir.resolve("empty.wasm"), new byte[0]);

    for (Path file : List.of(script, empty)) {
      ExecutionResult r = run(file);
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.message())
          .contains(file + " is not WebAssembly")
          .contains("WASI preview 1 core modules");
      assertThat(validate(file))
          .singleElement()
          .extracting(Violation::ruleId)
          .isEqualTo(WasmSkillRuntime.NOT_A_CORE_MODULE);
    }
    assertThat(run(script).message()).contains("it starts with 23 21 2f 62 69 6e 2f 73");
    assertThat(run(empty).message()).contains("it is empty");
  }

  @Test
  void aCoreModulePasses() {
    assertThat(validate(Fixtures.path("hello.wasm"))).isEmpty();
    assertThat(run(Fixtures.path("hello.wasm")).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  private ExecutionResult run(Path module) {
    return runtime.execute(request(module));
  }

  private List<Violation> validate(Path module) {
    return PolicyRules.evaluate(runtime.policyRules(), request(module), PolicyPhase.VALIDATE);
  }

  private static ExecutionRequest request(Path module) {
    return ExecutionRequest.builder("format", "tool", ModuleSpec.of(module, List.of())).build();
  }
}
