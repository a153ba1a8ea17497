package dev.skillrt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTests {

  private final Limits skill =
      Limits.builder()
          .timeout(Duration.ofSeconds(30))
          .memory(DataSize.ofMebibytes(256))
          .processes(64)
          .outputPerStream(DataSize.ofMebibytes(1))
          .build();

  @Test
  void aCallCanTightenEachLimit() {
    Limits call =
        Limits.builder().timeout(Duration.ofSeconds(5)).memory(DataSize.ofMebibytes(64)).build();
    Limits effective = skill.tightenedBy(call);
    assertThat(effective.timeout()).contains(Duration.ofSeconds(5));
    assertThat(effective.memory()).contains(DataSize.ofMebibytes(64));
    assertThat(effective.processes()).hasValue(64);
    assertThat(skill.loosenedIn(effective)).isEmpty();
  }

  @Test
  void aCallCannotLoosenByRaisingOrOmitting() {
    Limits call = Limits.builder().timeout(Duration.ofMinutes(10)).processes(1000).build();
    Limits effective = skill.tightenedBy(call);
    assertThat(effective).isEqualTo(skill);
  }

  @Test
  void aCallMayAddALimitTheSkillDidNotHave() {
    Limits effective = skill.tightenedBy(Limits.builder().cpus(0.5).build());
    assertThat(effective.cpus()).hasValue(0.5);
  }

  @Test
  void loosenedInNamesEveryLoosenedLimit() {
    Limits looser =
        Limits.builder().timeout(Duration.ofMinutes(1)).memory(DataSize.ofMebibytes(256)).build();
    assertThat(skill.loosenedIn(looser))
        .containsExactly(
            "timeout raised from PT30S to PT1M",
            "pids removed (was 64)",
            "output removed (was 1m)");
  }

  @Test
  void nonsenseLimitsAreRefusedAtOnce() {
    assertThatThrownBy(() -> Limits.builder().timeout(Duration.ZERO))
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> Limits.builder().processes(0)).hasMessageContaining("pids");
    assertThatThrownBy(() -> Limits.builder().cpus(Double.NaN)).hasMessageContaining("cpus");
  }

  @Test
  void withoutAnOutputLimitTheDefaultApplies() {
    assertThat(Limits.none().effectiveOutputPerStream())
        .isEqualTo(Limits.DEFAULT_OUTPUT_PER_STREAM);
    assertThat(Limits.none().kinds()).isEmpty();
    assertThat(skill.kinds())
        .containsExactlyInAnyOrder(
            LimitKind.TIMEOUT, LimitKind.MEMORY, LimitKind.PROCESSES, LimitKind.OUTPUT);
  }
}
