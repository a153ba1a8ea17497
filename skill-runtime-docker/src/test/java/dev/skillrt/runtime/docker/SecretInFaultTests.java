package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import dev.skillrt.api.SkillException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's refusal of a container quotes the command it was given; when that command holds a
 * secret, the runtime's fault must not carry it to logs and users.
 */
class SecretInFaultTests {

  @Test
  void anEngineErrorQuotingASecretReachesNobodyWithIt() {
    String secret = "hunter2-very-secret-token";
    try (DockerSkillRuntime runtime = DockerTestEngine.runtime()) {
      Throwable fault =
          catchThrowable(
              () ->
                  runtime.execute(
                      ExecutionRequest.builder(
                              "s",
                              "t",
                              ContainerSpec.builder(DockerTestEngine.IMAGE)
                                  .command(List.of(secret))
                                  .build())
                          .secretValue(secret)
                          .limits(Limits.builder().timeout(Duration.ofSeconds(30)).build())
                          .build()));
      assertThat(fault)
          .as("the engine refuses to start a missing program")
          .isInstanceOf(SkillException.class);
      for (Throwable t = fault; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      }
      assertThat(fault.getMessage()).contains("***");
    }
  }
}
