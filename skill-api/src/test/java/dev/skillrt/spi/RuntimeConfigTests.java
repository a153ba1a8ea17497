package dev.skillrt.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTests {

  @Test
  void typedGettersReadValuesAndDefaults() {
    RuntimeConfigReader r =
        RuntimeConfig.of(
                Map.of(
                    "pull", "false", "kill-grace", "250ms", "tmp-size", "64m", "labels", "a, b,,c"))
            .reader("demo");
    assertThat(r.bool("pull", true)).isFalse();
    assertThat(r.duration("kill-grace", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(r.size("tmp-size", DataSize.ZERO)).isEqualTo(DataSize.ofMebibytes(64));
    assertThat(r.list("labels", List.of())).containsExactly("a", "b", "c");
    assertThat(r.integer("absent", 7, 0)).isEqualTo(7);
    r.finish();
  }

  @Test
  void everyBadValueAndEveryUnknownKeyIsAProblemOfItsOwn() {
    RuntimeConfigReader r =
        RuntimeConfig.of(
                Map.of("retries", "x", "kill-grace", "soon", "kill_grace", "1s", "dely", "5s"))
            .reader("demo");
    r.integer("retries", 3, 0);
    r.duration("kill-grace", Duration.ZERO);
    r.duration("delay", Duration.ZERO);

    ConfigurationException e = catchThrowableOfType(r::finish, ConfigurationException.class);

    assertThat(e.problems())
        .extracting(Problem::message)
        .anySatisfy(
            m -> assertThat(m).startsWith("demo runtime setting \"retries\": bad value \"x\""))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("demo runtime setting \"kill-grace\": \"soon\" is not a duration"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "the demo runtime has no setting \"kill_grace\"; did you mean \"kill-grace\"?"))
        .anySatisfy(m -> assertThat(m).contains("no setting \"dely\"; did you mean \"delay\"?"))
        .hasSize(4);
  }

  @Test
  void aSystemPropertyIsNamedAsTheUserWroteIt() {
    System.setProperty("skillrt.demo-test.defualt-memory", "1k");
    try {
      RuntimeConfigReader r =
          RuntimeConfig.fromSystemProperties("skillrt.demo-test.").reader("demo-test");
      r.size("default-memory", DataSize.ZERO);
      ConfigurationException e = catchThrowableOfType(r::finish, ConfigurationException.class);
      assertThat(e.getMessage())
          .isEqualTo(
              "-Dskillrt.demo-test.defualt-memory: the demo-test runtime has no setting"
                  + " \"defualt-memory\"; did you mean \"default-memory\"? (settings: default-memory)");
    } finally {
      System.clearProperty("skillrt.demo-test.defualt-memory");
    }
  }
}
