package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.StreamKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Output is capped per stream with truncation flags; {@code STOP} ends the skill as {@code
 * KILLED_BY_LIMIT} (in the shape of every stopped call), {@code DISCARD} lets it finish; the
 * capture is bounded even without a limit.
 */
abstract class OutputGroup extends KitGroup {

  private static Limits outputLimit(long bytes) {
    return Limits.builder().outputPerStream(DataSize.ofBytes(bytes)).build();
  }

  @Test
  void outputWithinTheLimitIsWhole() {
    ExecutionResult r =
        run(request(fixtures().writeBytes(StreamKind.STDOUT, 1000)).limits(outputLimit(4096)));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().size()).isEqualTo(1000);
    assertThat(r.stdout().truncated()).isFalse();
  }

  @Test
  void stdoutPastTheLimitIsCutAndFlagged() {
    ExecutionResult r =
        run(request(fixtures().writeBytes(StreamKind.STDOUT, 200_000)).limits(outputLimit(1000)));
    assertThat(r.stdout().size()).isEqualTo(1000);
    assertThat(r.stdout().truncated()).isTrue();
    assertThat(r.stderr().truncated()).isFalse();
    assertThat(r.status()).isIn(ExecutionStatus.KILLED_BY_LIMIT, ExecutionStatus.SUCCEEDED);
  }

  @Test
  void stderrPastTheLimitIsCutAndFlagged() {
    ExecutionResult r =
        run(request(fixtures().writeBytes(StreamKind.STDERR, 200_000)).limits(outputLimit(1000)));
    assertThat(r.stderr().size()).isEqualTo(1000);
    assertThat(r.stderr().truncated()).isTrue();
    assertThat(r.stdout().truncated()).isFalse();
  }

  @Test
  void stopOnOverflowEndsTheSkillAsKilledByLimit() {
    long start = System.nanoTime();
    ExecutionResult r =
        run(
            request(fixtures().writeBytes(StreamKind.STDOUT, 50_000_000))
                .overflowAction(OverflowAction.STOP)
                .limits(
                    Limits.builder()
                        .outputPerStream(DataSize.ofBytes(1000))
                        .timeout(Duration.ofSeconds(30))
                        .build()));
    ResultShape.assertStoppedAtOutputLimit(r, since(start));
    assertThat(r.stdout().truncated()).isTrue();
    assertThat(r.stdout().size()).isEqualTo(1000);
  }

  @Test
  void discardOnOverflowLetsTheSkillFinish() {
    ExecutionResult r =
        run(
            request(fixtures().writeBytes(StreamKind.STDOUT, 100_000))
                .overflowAction(OverflowAction.DISCARD)
                .limits(outputLimit(1000)));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.exitCode()).hasValue(0);
    assertThat(r.stdout().truncated()).isTrue();
    assertThat(r.stdout().size()).isEqualTo(1000);
  }

  @Test
  void withoutAnOutputLimitTheCaptureIsStillBounded() {
    long flood = Limits.DEFAULT_OUTPUT_PER_STREAM.bytes() * 3;
    ExecutionResult r =
        run(
            request(fixtures().writeBytes(StreamKind.STDOUT, flood))
                .overflowAction(OverflowAction.DISCARD));
    assertThat(r.stdout().size()).isEqualTo(Limits.DEFAULT_OUTPUT_PER_STREAM.bytes());
    assertThat(r.stdout().truncated()).isTrue();
  }
}
