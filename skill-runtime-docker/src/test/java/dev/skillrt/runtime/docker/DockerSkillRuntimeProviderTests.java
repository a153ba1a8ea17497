package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.RuntimeUnavailableException;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntimeProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider without an engine: discovery, policy rules, probe and create failures. */
class DockerSkillRuntimeProviderTests {

  private static final RuntimeConfig NO_ENGINE =
      RuntimeConfig.of(Map.of("host", "unix:///nonexistent/skillrt/docker.sock"));

  @Test
  void serviceLoaderFindsTheDockerRuntime() {
    assertThat(ServiceLoader.load(SkillRuntimeProvider.class).stream().map(p -> p.get().id()))
        .contains("docker");
  }

  @Test
  void policyRulesAreAvailableWithoutAnEngine() {
    List<PolicyRule> rules = new DockerSkillRuntimeProvider().policyRules(NO_ENGINE);
    assertThat(rules)
        .extracting(PolicyRule::id)
        .contains("docker.privileged", "docker.mounts", "docker.network", "docker.extra-args");
    ExecutionRequest request =
        ExecutionRequest.builder(
                "s",
                "t",
                ContainerSpec.builder("busybox").extraArgs(List.of("--privileged")).build())
            .build();
    assertThat(PolicyRules.evaluate(rules, request, PolicyPhase.VALIDATE))
        .extracting(Violation::ruleId)
        .containsExactly("docker.privileged");
  }

  @Test
  void theProbeListsTheEndpointAndWhyItFailed() {
    Availability availability = new DockerSkillRuntimeProvider().probe(NO_ENGINE);
    assertThat(availability.isAvailable()).isFalse();
    assertThat(availability.reasons())
        .singleElement()
        .asString()
        .contains("unix:///nonexistent/skillrt/docker.sock")
        .contains("no socket at /nonexistent/skillrt/docker.sock");
  }

  @Test
  void createWithoutAnEngineIsRuntimeUnavailableListingEachAttempt() {
    assertThatThrownBy(() -> new DockerSkillRuntimeProvider().create(NO_ENGINE))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("runtime 'docker' is not available")
        .hasMessageContaining("/nonexistent/skillrt/docker.sock");
  }

  @Test
  void aTcpEndpointThatRefusesIsReportedToo() {
    Availability availability =
        new DockerSkillRuntimeProvider()
            .probe(RuntimeConfig.of(Map.of("host", "tcp://127.0.0.1:1", "connect-timeout", "2s")));
    assertThat(availability.isAvailable()).isFalse();
    assertThat(availability.reasons()).singleElement().asString().startsWith("tcp://127.0.0.1:1: ");
  }

  @Test
  void badSettingsAreReportedAllAtOnce() {
    assertThatThrownBy(
            () ->
                DockerRuntimeConfig.from(
                    RuntimeConfig.of(
                        Map.of(
                            "default-user", "65534",
                            "pids-limit", "zero",
                            "allowed-capabilities", "all"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("default-user")
        .hasMessageContaining("pids-limit")
        .hasMessageContaining("ALL");
  }

  @Test
  void theDefaultsAreTheHardenedOnes() {
    DockerRuntimeConfig config = DockerRuntimeConfig.from(NO_ENGINE);
    assertThat(config.defaultUser()).isEqualTo("65534:65534");
    assertThat(config.pidsLimit()).isEqualTo(256);
    assertThat(config.pull()).isFalse();
    assertThat(config.allowGpus()).isFalse();
    assertThat(config.allowedCapabilities()).isEmpty();
  }
}
