package dev.skillrt.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTests {

  private final RuntimeConfig config =
      RuntimeConfig.of(
          Map.of("pull", "false", "grace", "250ms", "tmpfs", "64m", "labels", "a, b,,c", "n", "x"));

  @Test
  void typedGettersReadValuesAndDefaults() {
    assertThat(config.getBoolean("pull", true)).isFalse();
    assertThat(config.getDuration("grace", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(config.getDataSize("tmpfs", DataSize.ZERO)).isEqualTo(DataSize.ofMebibytes(64));
    assertThat(config.getList("labels")).containsExactly("a", "b", "c");
    assertThat(config.getInt("absent", 7)).isEqualTo(7);
  }

  @Test
  void aBadValueNamesTheKeyAndTheValue() {
    assertThatThrownBy(() -> config.getInt("n", 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'n'")
        .hasMessageContaining("\"x\"");
  }
}
