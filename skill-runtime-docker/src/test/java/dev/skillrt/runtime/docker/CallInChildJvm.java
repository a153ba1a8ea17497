package dev.skillrt.runtime.docker;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import java.time.Duration;
import java.util.List;

/**
 * The program a test starts in a JVM of its own and then kills: one call of {@code sleep 300} with
 * the skill name and timeout given as arguments. The runtime comes from the same settings as the
 * tests' ({@code DOCKER_HOST}, {@code -Dskillrt.docker.host}).
 */
final class CallInChildJvm {

  private CallInChildJvm() {}

  public static void main(String[] args) {
    String skill = args[0];
    Duration timeout = Duration.parse(args[1]);
    try (DockerSkillRuntime runtime =
        (DockerSkillRuntime) new DockerSkillRuntimeProvider().create(DockerTestEngine.config())) {
      System.out.println("calling " + skill);
      System.out.flush();
      runtime.execute(
          ExecutionRequest.builder(
                  skill,
                  "sleep",
                  ContainerSpec.builder(DockerTestEngine.IMAGE)
                      .command(List.of("sleep", "300"))
                      .build())
              .limits(Limits.builder().timeout(timeout).build())
              .build());
    }
  }
}
