package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A granted network the engine does not have is a configuration error that names the network and
 * says what to do (the command answers it with exit 2), not an engine fault to report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingNetworkTests {

  private DockerSkillRuntime runtime;

  @BeforeAll
  void start() {
    runtime = DockerTestEngine.runtime();
  }

  @AfterAll
  void stop() {
    DockerTestEngine.closeQuietly(runtime);
  }

  private static ExecutionRequest granted(String skill, String network) {
    return ExecutionRequest.builder(
            skill,
            "tool",
            ContainerSpec.builder(DockerTestEngine.IMAGE)
                .command(List.of("true"))
                .network(network)
                .build())
        .networkAllowed(true)
        .limits(Limits.builder().timeout(Duration.ofSeconds(60)).build())
        .build();
  }

  @Test
  void aNetworkTheEngineDoesNotHaveIsAConfigurationErrorNamingIt() {
    String skill = "no-net-" + System.nanoTime();
    String network = "skillrt-absent-" + System.nanoTime();

    assertThatThrownBy(() -> runtime.execute(granted(skill, network)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("network " + network)
        .hasMessageContaining("not defined on the Docker engine")
        .hasMessageContaining("docker network create " + network)
        .hasMessageNotContaining("report");
    try (var client = DockerTestEngine.client()) {
      assertThat(DockerTestEngine.containersOfSkill(client, skill))
          .as("no container is left for the refused call")
          .isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theSameNetworkRunsOnceItExists() throws Exception {
    String network = "skillrt-present-" + System.nanoTime();
    try (var client = DockerTestEngine.client()) {
      client.createNetworkCmd().withName(network).withDriver("bridge").exec();
      try {
        ExecutionResult r = runtime.execute(granted("net-ok", network));
        assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(r.metadata()).containsEntry("network", network);
      } finally {
        client.removeNetworkCmd(network).exec();
      }
    }
  }
}
