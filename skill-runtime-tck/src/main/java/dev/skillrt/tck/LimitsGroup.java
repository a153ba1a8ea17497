package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.Limits;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.spi.RuntimeCapabilities;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A memory cap stops a hog (where enforced); a limit the runtime cannot enforce is refused. */
abstract class LimitsGroup extends KitGroup {

  @Test
  void aMemoryCapStopsASkillThatAllocatesWithoutEnd() {
    assumeTrue(
        runtime().capabilities().limits().contains(LimitKind.MEMORY),
        "this runtime does not enforce memory limits");
    RuntimeSpec hog =
        fixtures()
            .allocateMemoryForever()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the runtime enforces MEMORY, so its fixtures need allocateMemoryForever()"));
    ExecutionResult r =
        run(
            request(hog)
                .limits(
                    Limits.builder()
                        .memory(DataSize.ofMebibytes(64))
                        .timeout(Duration.ofSeconds(30))
                        .build()));
    assertThat(r.status())
        .as("a capped allocation ends the skill: %s", r.message())
        .isIn(ExecutionStatus.KILLED_BY_LIMIT, ExecutionStatus.FAILED);
    assertThat(r.message()).as("the result says why").isNotBlank();
  }

  @Test
  void aLimitTheRuntimeCannotEnforceIsRefusedNotIgnored() {
    Set<LimitKind> unsupported = EnumSet.allOf(LimitKind.class);
    unsupported.removeAll(runtime().capabilities().limits());
    assumeTrue(!unsupported.isEmpty(), "this runtime enforces every kind of limit");
    for (LimitKind kind : unsupported) {
      Limits.Builder limits = Limits.builder();
      switch (kind) {
        case TIMEOUT -> limits.timeout(Duration.ofSeconds(10));
        case MEMORY -> limits.memory(DataSize.ofMebibytes(256));
        case CPUS -> limits.cpus(1.0);
        case CPU_TIME -> limits.cpuTime(Duration.ofSeconds(10));
        case PROCESSES -> limits.processes(16);
        case OUTPUT -> limits.outputPerStream(DataSize.ofKibibytes(64));
      }
      ExecutionResult r = run(request(fixtures().echoStdin()).stdin("x").limits(limits.build()));
      assertThat(r.status())
          .as("a %s limit on a runtime that cannot enforce it", kind)
          .isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations())
          .as("the denial of a %s limit", kind)
          .anySatisfy(v -> assertThat(v.ruleId()).isEqualTo(RuntimeCapabilities.UNSUPPORTED_LIMIT));
      assertThat(r.stdout().size()).as("nothing ran").isZero();
    }
  }
}
