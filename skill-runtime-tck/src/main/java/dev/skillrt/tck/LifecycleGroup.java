package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.spi.SkillRuntime;
import org.junit.jupiter.api.Test;

/** Close is idempotent; execute after close fails with {@link IllegalStateException}. */
abstract class LifecycleGroup extends KitGroup {

  @Test
  void closeTwiceIsFine() {
    SkillRuntime own = kit().createRuntime();
    own.close();
    own.close();
  }

  @Test
  void executeAfterCloseFailsClearly() {
    SkillRuntime own = kit().createRuntime();
    own.close();
    assertThatThrownBy(() -> own.execute(request(fixtures().echoStdin()).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void theRuntimeSaysWhatItIs() {
    assertThat(runtime().id()).matches("[a-z][a-z0-9-]*");
    assertThat(runtime().capabilities()).isNotNull();
  }
}
