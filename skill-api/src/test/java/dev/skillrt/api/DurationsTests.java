package dev.skillrt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTests {

  @ParameterizedTest
  @CsvSource({
    "30s, 30000",
    "500ms, 500",
    "2m, 120000",
    "1m30s, 90000",
    "1h, 3600000",
    "10, 10000",
    "1.5s, 1500",
    "PT30S, 30000"
  })
  void parsesShortAndIsoForms(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "30 seconds", "-1s", "1s2", "forever"})
  void rejectsOtherTextNamingIt(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a duration");
  }

  @ParameterizedTest
  @CsvSource({"30000, 30s", "1500, 1500ms", "120000, 2m", "7200000, 2h"})
  void formatsShortly(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
