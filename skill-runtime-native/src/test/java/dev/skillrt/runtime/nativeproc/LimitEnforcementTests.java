package dev.skillrt.runtime.nativeproc;

import static dev.skillrt.runtime.nativeproc.NativeTestSupport.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Violation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** rlimits per call, and limits the host cannot enforce refused with a clear reason. */
class LimitEnforcementTests {

  private static final NativeSkillRuntime RUNTIME = NativeTestSupport.runtime();

  @AfterAll
  static void close() {
    RUNTIME.close();
  }

  private static void sandboxIfNeeded(SandboxMode mode) {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void aBusyLoopIsStoppedByItsCpuTime(SandboxMode mode) {
    sandboxIfNeeded(mode);
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", sh(mode, "exec /bin/sh -c 'while :; do :; done'"))
                .networkAllowed(mode == SandboxMode.NONE)
                .limits(
                    Limits.builder()
                        .cpuTime(Duration.ofSeconds(1))
                        .timeout(Duration.ofSeconds(30))
                        .build())
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
    assertThat(r.metadata()).containsEntry("limit", "cpu_time");
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void memoryIsCappedPerProcess(SandboxMode mode) {
    sandboxIfNeeded(mode);
    Limits cap =
        Limits.builder().memory(DataSize.ofMebibytes(64)).timeout(Duration.ofSeconds(30)).build();
    ExecutionResult small =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", sh(mode, "head -c 1000000 /dev/zero | wc -c"))
                .networkAllowed(mode == SandboxMode.NONE)
                .limits(cap)
                .build());
    assertThat(small.status()).as(small.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ExecutionResult hog =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", sh(mode, "x=x; while :; do x=\"$x$x\"; done"))
                .networkAllowed(mode == SandboxMode.NONE)
                .limits(cap)
                .build());
    assertThat(hog.status()).as(hog.message()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(hog.duration()).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aFileSizeLimitStopsALargeWrite() {
    try (NativeSkillRuntime limited = NativeTestSupport.runtime(Map.of("file-size", "1m"))) {
      ExecutionResult r =
          limited.execute(
              ExecutionRequest.builder(
                      "s", "t", sh(SandboxMode.NONE, "exec head -c 5000000 /dev/zero > big"))
                  .build());
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
      assertThat(r.metadata()).containsEntry("limit", "file_size");
    }
  }

  @Test
  void aCpuShareIsRefusedNotIgnored() {
    assertThat(RUNTIME.capabilities().limits()).doesNotContain(LimitKind.CPUS);
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", sh(SandboxMode.NONE, "echo ran"))
                .limits(Limits.builder().cpus(0.5).build())
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("capabilities.limit");
    assertThat(r.stdout().size()).isZero();
  }

  @Test
  void aProcessLimitWithoutTheSandboxIsRefused() {
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", sh(SandboxMode.NONE, "echo ran"))
                .limits(Limits.builder().processes(10).build())
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("native.processes");
    assertThat(r.message()).contains("bwrap");
  }
}
