package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery, settings, and how each sandbox mode resolves on a host with or without bwrap. */
class NativeSkillRuntimeProviderTests {

  private static final Map<String, String> NO_BWRAP = Map.of("bwrap", "/nonexistent/bwrap");

  @Test
  void theProviderIsFoundByServiceLoaderAsNative() {
    SkillRuntimeRegistry registry = SkillRuntimeRegistry.load();
    assertThat(registry.ids()).contains("native");
    assertThat(registry.provider("native")).isInstanceOf(NativeSkillRuntimeProvider.class);
  }

  @Test
  void theProbeSaysItCanServeAndNotesAMissingSandbox() {
    NativeSkillRuntimeProvider provider = new NativeSkillRuntimeProvider();
    assertThat(provider.probe(RuntimeConfig.empty()).isAvailable()).isTrue();
    var without = provider.probe(RuntimeConfig.of(NO_BWRAP));
    assertThat(without.isAvailable()).isTrue();
    assertThat(without.reasons()).anySatisfy(r -> assertThat(r).contains("/nonexistent/bwrap"));
  }

  @Test
  void badSettingsAreReportedAllAtOnce() {
    assertThatThrownBy(
            () ->
                new NativeSkillRuntimeProvider()
                    .create(
                        RuntimeConfig.of(
                            Map.of(
                                "path", "relative/bin:/usr/bin",
                                "sandbox-user", "0:0",
                                "bwrap", "bwrap"))))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(3))
        .hasMessageContaining("relative/bin")
        .hasMessageContaining("sandbox-user")
        .hasMessageContaining("native runtime setting \"bwrap\": bad value \"bwrap\"");
  }

  @Test
  void theRulesAreAvailableWithoutARuntime() {
    List<PolicyRule> rules = new NativeSkillRuntimeProvider().policyRules(RuntimeConfig.empty());
    assertThat(rules)
        .extracting(PolicyRule::id)
        .contains("native.allow-list", "native.sandbox-unavailable");
  }

  @Test
  void bwrapRequiredButMissingIsDeniedWithWhatToInstall() {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime(NO_BWRAP)) {
      ExecutionResult r = runtime.execute(request(SandboxMode.BWRAP, false));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations())
          .extracting(Violation::ruleId)
          .containsExactly("native.sandbox-unavailable");
      assertThat(r.message()).contains("apt-get install bubblewrap");
      assertThat(runtime.capabilities().networkControl()).isFalse();
    }
  }

  @Test
  void aBwrapThatIsInstalledButCannotRunIsFoundByTheTrialRun() {
    // /bin/false stands in for a bubblewrap the kernel will not let create namespaces
    Map<String, String> broken = Map.of("bwrap", "/bin/false");
    var availability = new NativeSkillRuntimeProvider().probe(RuntimeConfig.of(broken));
    assertThat(availability.reasons()).anySatisfy(r -> assertThat(r).contains("trial run"));
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime(broken)) {
      ExecutionResult r = runtime.execute(request(SandboxMode.BWRAP, false));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.message()).contains("trial run");
    }
  }

  @Test
  void autoWithoutBwrapNeverSilentlyGivesTheNetworkBack() {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime(NO_BWRAP)) {
      ExecutionResult offline = runtime.execute(request(SandboxMode.AUTO, false));
      assertThat(offline.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(offline.violations())
          .extracting(Violation::ruleId)
          .containsExactly("native.network");

      ExecutionResult online = runtime.execute(request(SandboxMode.AUTO, true));
      assertThat(online.status()).as(online.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(online.metadata())
          .containsEntry("sandbox", "none")
          .containsEntry("network", "uncontrolled");
    }
  }

  @Test
  void noneIsATrustedProgramWithTheNetworkUncontrolled() {
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      ExecutionResult r = runtime.execute(request(SandboxMode.NONE, false));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.metadata())
          .containsEntry("sandbox", "none")
          .containsEntry("network", "uncontrolled");
    }
  }

  @Test
  void autoUsesBwrapWhereItIsPresent() {
    NativeTestSupport.requireSandbox();
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      ExecutionResult r = runtime.execute(request(SandboxMode.AUTO, false));
      assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.metadata()).containsEntry("sandbox", "bwrap").containsEntry("network", "none");
      assertThat(runtime.capabilities().networkControl()).isTrue();
    }
  }

  private static ExecutionRequest request(SandboxMode mode, boolean network) {
    return ExecutionRequest.builder(
            "s", "t", new CommandSpec("echo", List.of("hi"), List.of("echo"), List.of(), mode))
        .networkAllowed(network)
        .build();
  }
}
