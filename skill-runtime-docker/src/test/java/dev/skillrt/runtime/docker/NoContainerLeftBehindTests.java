package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last (see {@code junit-platform.properties}): after every Docker test of the suite, no
 * container with the runtime's labels remains.
 */
@Order(Integer.MAX_VALUE)
class NoContainerLeftBehindTests {

  @Test
  void noContainerWithOurLabelsRemainsAfterTheSuite() throws Exception {
    DockerTestEngine.require();
    List<Container> left = DockerTestEngine.managedContainers();
    for (int i = 0; i < 50 && !left.isEmpty(); i++) {
      Thread.sleep(100);
      left = DockerTestEngine.managedContainers();
    }
    assertThat(left)
        .as("containers labelled dev.skillrt.managed=true after the suite")
        .extracting(c -> c.getId().substring(0, 12) + " " + c.getState() + " " + c.getLabels())
        .isEmpty();
  }
}
