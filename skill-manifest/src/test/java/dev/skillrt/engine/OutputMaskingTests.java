package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import dev.skillrt.testing.TableSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Skills that print a secret, run as real processes through the engine and straight on a runtime:
 * the secret never reaches the caller, neither in the captured result nor in the streamed output.
 */
class OutputMaskingTests {

  static final String SECRET = "sk-live-abcdef123456";

  final SkillEngine engine =
      SkillEngine.builder()
          .manifest(SkillEngineTests.resource("masking.toml"))
          .environment(SkillEngineTests.env())
          .build();

  @AfterEach
  void close() {
    engine.close();
  }

  /** What the caller saw of one call. */
  record Seen(ExecutionResult result, String streamedOut, String streamedErr) {}

  Seen run(String skill, String tool) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExecutionResult r =
        engine.execute(
            skill,
            tool,
            Map.of(),
            ExecuteOptions.builder()
                .outputListener(
                    (stream, chunk) -> (stream == StreamKind.STDOUT ? out : err).writeBytes(chunk))
                .build());
    return new Seen(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}: stdout {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # tool | stdout the caller sees (captured and streamed)
          whole  | token=***\\n
          split  | token=***\\n
          upper  | TOKEN=***\\n
          cut    | 0000000000000000000000000000000000000000000000000000000000***
          """)
  void aSecretTheSkillPrintsIsMaskedInTheResultAndInTheStream(String tool, String expected) {
    String stdout = expected.replace("\\n", "\n");
    Seen seen = run("leaky", tool);
    assertThat(seen.result().status())
        .as(seen.result().message())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(seen.result().stdout().text()).isEqualTo(stdout);
    assertThat(seen.streamedOut()).isEqualTo(stdout);
    for (String text :
        List.of(
            seen.result().stdout().text(),
            seen.streamedOut(),
            seen.result().stderr().text(),
            seen.streamedErr())) {
      assertThat(text).doesNotContainIgnoringCase(SECRET).doesNotContainIgnoringCase("sk-liv");
    }
  }

  @Test
  void stderrIsMaskedToo() {
    Seen seen = run("leaky", "whole");
    assertThat(seen.result().stderr().text()).isEqualTo("token=***\n");
    assertThat(seen.streamedErr()).isEqualTo("token=***\n");
  }

  @Test
  void theOutputLimitCutTheSecretAndTheResultSaysSo() {
    Seen seen = run("leaky", "cut");
    assertThat(seen.result().stdout().truncated()).isTrue();
  }

  @Test
  void aSkillWithMaskSecretsFalseGetsItsOutputAsPrinted() {
    Seen seen = run("trusting", "whole");
    assertThat(seen.result().stdout().text()).isEqualTo("token=" + SECRET + "\n");
    assertThat(seen.streamedOut()).isEqualTo("token=" + SECRET + "\n");
  }

  @Test
  void aRuntimeUsedDirectlyMasksByDefaultAndTheRequestMayOptOut() {
    try (SkillRuntime runtime = new ProcessTestRuntimeProvider().create(RuntimeConfig.empty())) {
      ExecutionRequest.Builder request =
          ExecutionRequest.builder(
                  "direct",
                  "print",
                  new TableSpec(
                      Map.of("command", "/bin/sh"),
                      List.of("-c", "printf '%s' \"$1\" | tr a-z A-Z", "print", SECRET),
                      false))
              .secretValue(SECRET);
      ByteArrayOutputStream streamed = new ByteArrayOutputStream();
      ExecutionResult masked =
          runtime.execute(request.outputListener((s, c) -> streamed.writeBytes(c)).build());
      assertThat(masked.stdout().text()).isEqualTo("***");
      assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo("***");

      ExecutionResult asPrinted =
          runtime.execute(request.outputListener(null).maskSecretsInOutput(false).build());
      assertThat(asPrinted.stdout().text()).isEqualTo(SECRET.toUpperCase());
    }
  }
}
