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
    "PT30S, 30000",
    "0s, 0",
    "007s, 7000",
    " 30S , 30000",
    "1d, 86400000",
    "3ms, 3",
    "9000000000s, 9000000000000"
  })
  void parsesShortAndIsoForms(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "30 seconds", "-1s", "1s2", "forever", "30x", "30sx"})
  void rejectsOtherTextNamingIt(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9300000000s", "200000000h", "10000000000000s", "1e400"})
  void rejectsWhatADurationCannotHold(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @CsvSource({"30000, 30s", "1500, 1500ms", "120000, 2m", "7200000, 2h"})
  void formatsShortly(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
