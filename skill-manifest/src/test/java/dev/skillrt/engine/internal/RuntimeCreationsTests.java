package dev.skillrt.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.RuntimeUnavailableException;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A failed creation is remembered for a while on a clock the test moves, then tried again. */
class RuntimeCreationsTests {

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final AtomicInteger attempts = new AtomicInteger();
  volatile boolean engineUp;

  final Supplier<SkillRuntime> create =
      () -> {
        attempts.incrementAndGet();
        if (!engineUp) {
          throw new RuntimeUnavailableException(
              "docker", List.of("no Docker engine at unix:///run/none.sock: connection refused"));
        }
        return new ProcessTestRuntimeProvider().create(RuntimeConfig.empty());
      };

  @Test
  void withinTheTimeEveryCallFailsWithTheOriginalReasonsWithoutTryingAgain() {
    RuntimeCreations creations = new RuntimeCreations(Duration.ofSeconds(5), now::get);
    assertThatThrownBy(() -> creations.get("docker", create))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("connection refused");
    engineUp = true; // the engine came back, but the failure is still remembered
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> creations.get("docker", create))
          .isInstanceOfSatisfying(
              RuntimeUnavailableException.class,
              e -> {
                assertThat(e.runtimeId()).isEqualTo("docker");
                assertThat(e.reasons().get(0))
                    .isEqualTo("no Docker engine at unix:///run/none.sock: connection refused");
                assertThat(e.getMessage()).contains("found 4000 ms ago", "tries again");
                assertThat(e.getCause()).isInstanceOf(RuntimeUnavailableException.class);
              });
    }
    assertThat(attempts).hasValue(1);

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    SkillRuntime created = creations.get("docker", create);
    assertThat(attempts).hasValue(2);
    assertThat(creations.get("docker", create)).isSameAs(created);
    assertThat(attempts).hasValue(2);
    assertThat(creations.drain()).containsOnlyKeys("docker");
    created.close();
  }

  @Test
  void aFailureAfterTheTimeIsRememberedAnewAndZeroMeansTryEveryTime() {
    RuntimeCreations creations = new RuntimeCreations(Duration.ofSeconds(5), now::get);
    assertThatThrownBy(() -> creations.get("docker", create))
        .isInstanceOf(RuntimeUnavailableException.class);
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThatThrownBy(() -> creations.get("docker", create))
        .isInstanceOf(RuntimeUnavailableException.class);
    assertThatThrownBy(() -> creations.get("docker", create))
        .isInstanceOf(RuntimeUnavailableException.class);
    assertThat(attempts).hasValue(2);

    RuntimeCreations never = new RuntimeCreations(Duration.ZERO, now::get);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> never.get("docker", create))
          .isInstanceOf(RuntimeUnavailableException.class);
    }
    assertThat(attempts).hasValue(5);
  }

  @Test
  void aConfigurationErrorIsRememberedAsItWas() {
    RuntimeCreations creations = new RuntimeCreations(Duration.ofSeconds(5), now::get);
    ConfigurationException bad =
        new ConfigurationException("runtime setting 'host' has a bad value");
    Supplier<SkillRuntime> failing =
        () -> {
          attempts.incrementAndGet();
          throw bad;
        };
    assertThatThrownBy(() -> creations.get("docker", failing)).isSameAs(bad);
    assertThatThrownBy(() -> creations.get("docker", failing)).isSameAs(bad);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aNegativeTimeIsRefused() {
    assertThatThrownBy(() -> new RuntimeCreations(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero or more");
  }
}
