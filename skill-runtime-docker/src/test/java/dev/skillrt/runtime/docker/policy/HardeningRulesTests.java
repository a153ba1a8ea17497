package dev.skillrt.runtime.docker.policy;

import static dev.skillrt.runtime.docker.policy.PolicyCases.extraArgs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CPU minimum, ulimit maxima, the writable root, tmpfs paths, and what a violation may show. */
class HardeningRulesTests {

  private static final List<PolicyRule> RULES = DockerPolicy.rules(DockerRuntimeConfig.defaults());

  private static List<Violation> errors(ExecutionRequest request) {
    return PolicyRules.errors(PolicyRules.evaluate(RULES, request, PolicyPhase.EXECUTE));
  }

  private static ExecutionRequest withCpus(double cpus) {
    return ExecutionRequest.builder("s", "t", ContainerSpec.builder(PolicyCases.IMAGE).build())
        .limits(Limits.builder().cpus(cpus).build())
        .build();
  }

  @Test
  void aCpuLimitBelowDockersMinimumIsDenied() {
    assertThat(errors(withCpus(1e-12)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("docker.cpus");
              assertThat(v.message()).contains("0.01");
            });
    assertThat(errors(withCpus(0.009)))
        .extracting(Violation::ruleId)
        .containsExactly("docker.cpus");
    assertThat(errors(withCpus(0.01))).isEmpty();
    assertThat(errors(withCpus(2))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "core=9223372036854775807",
        "core=1",
        "cpu=86401",
        "data=17179869185",
        "fsize=9223372036854775807",
        "locks=1025",
        "rss=9223372036854775807",
        "rttime=9223372036854775807",
        "stack=17179869185",
        "nofile=65537",
        "nproc=4097"
      })
  void aUlimitAboveItsBoundIsDenied(String ulimit) {
    assertThat(errors(extraArgs("--ulimit", ulimit)))
        .extracting(Violation::ruleId)
        .containsExactly("docker.ulimits");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "core=0",
        "cpu=60",
        "data=1073741824",
        "fsize=17179869184",
        "locks=1024",
        "nofile=65536",
        "nproc=4096",
        "rttime=1000000",
        "stack=8388608:16777216"
      })
  void aUlimitWithinItsBoundPasses(String ulimit) {
    assertThat(errors(extraArgs("--ulimit", ulimit))).isEmpty();
  }

  @Test
  void aWritableRootIsAWarningAtValidationAndAnErrorWhenItRuns() {
    ExecutionRequest writable = PolicyCases.spec(b -> b.readOnlyRootFilesystem(false));
    assertThat(PolicyRules.evaluate(RULES, writable, PolicyPhase.VALIDATE))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("docker.read-only");
              assertThat(v.isError()).isFalse();
            });
    assertThat(errors(writable)).extracting(Violation::ruleId).containsExactly("docker.read-only");

    ExecutionRequest allowed =
        PolicyCases.spec(
            b -> b.readOnlyRootFilesystem(false).option("allow_writable_root", "true"));
    assertThat(PolicyRules.evaluate(RULES, allowed, PolicyPhase.EXECUTE)).isEmpty();
    assertThat(PolicyRules.evaluate(RULES, PolicyCases.spec(b -> b), PolicyPhase.EXECUTE))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//proc:size=1m",
        "/./dev:size=1m,exec",
        "/sys/:size=1m",
        "///sys//fs:size=1m",
        "/.:size=1m",
        "//:size=1m"
      })
  void aTmpfsOverASystemPathIsDeniedHoweverItIsSpelled(String tmpfs) {
    assertThat(errors(extraArgs("--tmpfs", tmpfs)))
        .extracting(Violation::ruleId)
        .containsExactly("docker.extra-args");
  }

  @Test
  void aTmpfsPathIsNormalised() {
    assertThat(ExtraArgs.normalizedContainerPath("//cache/./x/")).isEqualTo("/cache/x");
    assertThat(errors(extraArgs("--tmpfs", "//cache/:size=1m"))).isEmpty();
  }

  @Test
  void anEnvironmentValueNeverReachesAViolation() {
    String secret = "s3cr3t-token-value";
    List<ExecutionRequest> requests =
        List.of(
            extraArgs("--env", "API_TOKEN=" + secret, "--privileged"),
            extraArgs("--env=API_TOKEN=" + secret, "busybox"),
            extraArgs("-e", "API_TOKEN=" + secret, "STRAY=" + secret),
            extraArgs("--env=API_TOKEN=" + secret, "--add-host", "h:" + secret),
            extraArgs("--build-arg", "API_TOKEN=" + secret),
            extraArgs("-eAPI_TOKEN=" + secret, "--label"));
    for (ExecutionRequest request : requests) {
      List<Violation> found = errors(request);
      assertThat(found).as("%s", request.spec()).isNotEmpty();
      assertThat(found)
          .allSatisfy(
              v -> {
                assertThat(v.offendingValue()).doesNotContain(secret).isNotBlank();
                assertThat(v.message()).doesNotContain(secret);
              });
    }
  }

  @Test
  void theOffendingValueIsTheOffendingFlagOnly() {
    List<Violation> found = errors(extraArgs("--env", "A=1", "--add-host", "h:1.2.3.4", "img"));
    assertThat(found)
        .extracting(Violation::offendingValue)
        .containsExactlyInAnyOrder("img", "--add-host=…");
    Flag env = ExtraArgs.parse(List.of("--env", "API_TOKEN=xyz")).flags().get(0);
    assertThat(env.shown()).isEqualTo("--env=API_TOKEN=…");
  }
}
