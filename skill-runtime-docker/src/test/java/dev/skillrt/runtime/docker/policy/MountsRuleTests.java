package dev.skillrt.runtime.docker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.spi.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsRuleTests {

  private static final List<PolicyRule> RULES = DockerPolicy.rules(DockerRuntimeConfig.defaults());

  @TempDir Path temp;

  private static ExecutionRequest mounting(Path host) {
    return ExecutionRequest.builder("s", "t", ContainerSpec.builder("skillrt/busybox:test").build())
        .mount(new Mount(host, "/data", false))
        .build();
  }

  @Test
  void aMissingHostPathIsAWarningAtValidationAndAnErrorAtExecution() {
    Path missing = temp.resolve("later");
    List<Violation> atValidate =
        PolicyRules.evaluate(RULES, mounting(missing), PolicyPhase.VALIDATE);
    List<Violation> atExecute = PolicyRules.evaluate(RULES, mounting(missing), PolicyPhase.EXECUTE);

    assertThat(atValidate)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("docker.mounts.missing");
              assertThat(v.isError()).isFalse();
              assertThat(v.offendingValue()).isEqualTo(missing.toString());
            });
    assertThat(atExecute)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("docker.mounts.missing");
              assertThat(v.isError()).isTrue();
            });
  }

  @Test
  void anExistingProjectFolderPassesAtExecution() throws Exception {
    Path project = Files.createDirectories(temp.resolve("project"));
    assertThat(PolicyRules.evaluate(RULES, mounting(project), PolicyPhase.EXECUTE)).isEmpty();
  }

  @Test
  void aSymlinkSwappedToASystemFolderIsCaughtAtExecution() throws Exception {
    Path link = temp.resolve("work");
    Files.createDirectories(temp.resolve("real"));
    Files.createSymbolicLink(link, temp.resolve("real"));
    assertThat(PolicyRules.errors(PolicyRules.evaluate(RULES, mounting(link), PolicyPhase.EXECUTE)))
        .isEmpty();
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("/etc"));
    assertThat(PolicyRules.errors(PolicyRules.evaluate(RULES, mounting(link), PolicyPhase.EXECUTE)))
        .extracting(Violation::ruleId)
        .containsExactly("docker.mounts.system");
  }

  @Test
  void theEngineSocketAndConfiguredFoldersAreDenied() throws Exception {
    Path denied = Files.createDirectories(temp.resolve("secrets"));
    Path engine = temp.resolve("engine/api.sock");
    Files.createDirectories(engine.getParent());
    Files.writeString(engine, "");
    List<PolicyRule> rules =
        DockerPolicy.rules(
            DockerRuntimeConfig.from(
                RuntimeConfig.of(
                    Map.of("host", "unix://" + engine, "denied-host-paths", denied.toString()))));
    assertThat(
            PolicyRules.errors(PolicyRules.evaluate(rules, mounting(engine), PolicyPhase.EXECUTE)))
        .extracting(Violation::ruleId)
        .containsExactly("docker.mounts.socket");
    assertThat(
            PolicyRules.errors(
                PolicyRules.evaluate(rules, mounting(temp.resolve("engine")), PolicyPhase.EXECUTE)))
        .extracting(Violation::ruleId)
        .containsExactly("docker.mounts.socket");
    assertThat(
            PolicyRules.errors(
                PolicyRules.evaluate(rules, mounting(denied.resolve("x")), PolicyPhase.VALIDATE)))
        .extracting(Violation::ruleId)
        .containsExactly("docker.mounts.system");
  }
}
