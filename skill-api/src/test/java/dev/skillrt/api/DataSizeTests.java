package dev.skillrt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTests {

  @ParameterizedTest
  @CsvSource({
    "512, 512",
    "64k, 65536",
    "64KiB, 65536",
    "256m, 268435456",
    "256MB, 268435456",
    "1g, 1073741824",
    "1.5g, 1610612736",
    "' 2 m ', 2097152",
    "10b, 10"
  })
  void parsesTheFormsManifestsAndDockerUse(String text, long bytes) {
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "m", "-1m", "12x", "1e9", "lots"})
  void rejectsWhatIsNotASizeNamingIt(String text) {
    assertThatThrownBy(() -> DataSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }

  @ParameterizedTest
  @CsvSource({"1073741824, 1g", "268435456, 256m", "1536, 1536b", "2048, 2k"})
  void printsAShortForm(long bytes, String text) {
    assertThat(DataSize.ofBytes(bytes)).hasToString(text);
  }
}
