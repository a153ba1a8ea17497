package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.StreamKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Stdin reaches the skill and ends; stdout and stderr come back apart; environment; exit code. */
abstract class ExecutionGroup extends KitGroup {

  @Test
  void stdinReachesTheSkillAndItsOutputComesBack() {
    ExecutionResult r = run(request(fixtures().echoStdin()).stdin("hello, tck\nsecond line"));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.exitCode()).hasValue(0);
    assertThat(r.stdout().text()).isEqualTo("hello, tck\nsecond line");
    assertThat(r.stdout().truncated()).isFalse();
  }

  @Test
  void emptyStdinIsAnImmediateEndOfInput() {
    ExecutionResult r = run(request(fixtures().echoStdin()));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().size()).isZero();
  }

  @Test
  void binaryStdinIsPassedUnchanged() {
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    ExecutionResult r = run(request(fixtures().echoStdin()).stdin(bytes));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().bytes()).isEqualTo(bytes);
  }

  @Test
  void stderrIsCapturedApartFromStdout() {
    ExecutionResult r = run(request(fixtures().printToStderr("only on stderr")));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stderr().text()).contains("only on stderr");
    assertThat(r.stdout().text()).doesNotContain("only on stderr");
  }

  @Test
  void theRequestEnvironmentReachesTheSkill() {
    ExecutionResult r =
        run(
            request(fixtures().printEnv("SKILLRT_TCK_VALUE"))
                .env("SKILLRT_TCK_VALUE", "v a l;u$e"));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text().strip()).isEqualTo("v a l;u$e");
  }

  @Test
  void aNonZeroExitIsAFailedResultNotAnException() {
    ExecutionResult r = run(request(fixtures().exitWith(42)));
    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.exitCode()).hasValue(42);
    assertThat(r.message()).as("a failed result says why").isNotBlank();
  }

  @Test
  void theListenerSeesTheOutputAsItIsCaptured() {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    ExecutionResult r =
        run(
            request(fixtures().echoStdin())
                .stdin("streamed")
                .outputListener(
                    (stream, chunk) -> {
                      if (stream == StreamKind.STDOUT) {
                        synchronized (seen) {
                          seen.writeBytes(chunk);
                        }
                      }
                    }));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    synchronized (seen) {
      assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("streamed");
    }
  }

  @Test
  void aFailingListenerDoesNotFailTheCall() {
    ExecutionResult r =
        run(
            request(fixtures().echoStdin())
                .stdin("still captured")
                .outputListener(
                    (stream, chunk) -> {
                      throw new IllegalStateException("listener bug");
                    }));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("still captured");
  }
}
