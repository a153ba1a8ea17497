package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.tck.*;
import java.time.Duration;
import java.util.List;

/** The contract kit against a real Docker engine and the busybox test image. */
class DockerCompatibilityTests extends SkillRuntimeCompatibilityKit {
  @Override
  protected SkillRuntime createRuntime() {
    return DockerTestEngine.runtime();
  }

  @Override
  protected KitFixtures fixtures() {
    return (ShellFixtures)
        script ->
            ContainerSpec.builder(DockerTestEngine.IMAGE)
                .command(List.of("sh", "-c", script))
                .build();
  }

  /**
   * Create, attach and a forced removal on the vfs driver of a busy two-core machine take seconds.
   */
  @Override
  protected Duration grace() {
    return Duration.ofSeconds(5);
  }

  @Override
  protected void assertNothingLeftRunning(StoppedCall call) {
    String container = call.result().metadata().get("container");
    assertThat(container).as("the result names its container").isNotBlank();
    assertThat(DockerTestEngine.containers(List.of(container)))
        .as("container %s is gone", container)
        .isEmpty();
  }
}
