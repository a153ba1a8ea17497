package dev.skillrt.runtime.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.runtime.docker.policy.DockerPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerPlanTests {

  @TempDir Path temp;

  private static ExecutionRequest withCpus(double cpus) {
    return ExecutionRequest.builder("s", "t", ContainerSpec.builder("skillrt/busybox:test").build())
        .limits(Limits.builder().cpus(cpus).build())
        .build();
  }

  @Test
  void aCpuLimitBecomesNanoCpus() {
    ContainerPlan plan = ContainerPlan.of(withCpus(0.5), DockerRuntimeConfig.defaults(), Map.of());
    assertThat(plan.hostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(ContainerPlan.nanoCpus(0.01)).isEqualTo(10_000_000L);
  }

  @Test
  void aCpuLimitThatWouldRoundToNoLimitIsRefused() {
    for (double tiny : new double[] {1e-12, 1e-9, 0.009}) {
      assertThatThrownBy(
              () -> ContainerPlan.of(withCpus(tiny), DockerRuntimeConfig.defaults(), Map.of()))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("0.01");
    }
  }

  @Test
  void theBoundPathIsTheRealPathJudgedAndASwapAfterTheCheckIsRefused() throws Exception {
    DockerRuntimeConfig config = DockerRuntimeConfig.defaults();
    Path project = Files.createDirectories(temp.resolve("project"));
    Path link = Files.createSymbolicLink(temp.resolve("work"), project);
    ExecutionRequest request =
        ExecutionRequest.builder("s", "t", ContainerSpec.builder("skillrt/busybox:test").build())
            .mount(new Mount(link, "/data", true))
            .build();
    assertThat(
            PolicyRules.errors(
                PolicyRules.evaluate(DockerPolicy.rules(config), request, PolicyPhase.EXECUTE)))
        .isEmpty();
    ContainerPlan plan = ContainerPlan.of(request, config, Map.of());
    assertThat(plan.hostConfig().getBinds()[0].getPath())
        .isEqualTo(project.toRealPath().toString());
    plan.verifyMountsUnchanged(request.mounts());

    // swapped after the policy passed it: the plan judges what it would bind, and refuses
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("/etc"));
    assertThatThrownBy(() -> ContainerPlan.of(request, config, Map.of()))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("docker.mounts.system");
    // swapped after the plan was made: refused right before the container is created
    assertThatThrownBy(() -> plan.verifyMountsUnchanged(request.mounts()))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("docker.mounts.changed");
  }
}
