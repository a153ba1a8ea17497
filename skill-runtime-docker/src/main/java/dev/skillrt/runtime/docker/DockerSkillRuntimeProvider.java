package dev.skillrt.runtime.docker;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.RuntimeUnavailableException;
import dev.skillrt.runtime.docker.internal.DockerTableReader;
import dev.skillrt.runtime.docker.internal.EngineConnector;
import dev.skillrt.runtime.docker.policy.DockerPolicy;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillSettings;
import java.io.IOException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@code docker} runtime's entry point, found with {@link java.util.ServiceLoader}. Cheap to
 * construct; {@link #create} connects to the engine. Its {@link #policyRules} need no engine.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DockerSkillRuntimeProvider implements SkillRuntimeProvider {

  /** The runtime id manifests name. */
  public static final String ID = "docker";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "hardened containers through the Docker Engine API (no network, no capabilities,"
        + " read-only root, non-root user, limits)";
  }

  @Override
  public Availability probe(RuntimeConfig config) {
    try {
      DockerRuntimeConfig docker = DockerRuntimeConfig.from(config);
      EngineConnector.Outcome outcome =
          EngineConnector.connect(
              docker, EngineConnector.candidates(docker, config.get("host").isPresent()));
      if (outcome.connected().isEmpty()) {
        return Availability.unavailable(outcome.failures());
      }
      EngineConnector.Connected c = outcome.connected().get();
      try {
        c.client().close();
      } catch (IOException ignored) {
        // probe only
      }
      return new Availability(true, List.of("Docker " + c.engineVersion() + " at " + c.endpoint()));
    } catch (RuntimeException e) {
      return Availability.unavailable("the docker runtime settings are wrong: " + e.getMessage());
    }
  }

  @Override
  public void checkConfig(RuntimeConfig config) {
    DockerRuntimeConfig.from(config);
  }

  @Override
  public SkillRuntime create(RuntimeConfig config) {
    DockerRuntimeConfig docker = DockerRuntimeConfig.from(config);
    EngineConnector.Outcome outcome =
        EngineConnector.connect(
            docker, EngineConnector.candidates(docker, config.get("host").isPresent()));
    if (outcome.connected().isEmpty()) {
      throw new RuntimeUnavailableException(ID, outcome.failures());
    }
    EngineConnector.Connected c = outcome.connected().get();
    return new DockerSkillRuntime(c.client(), docker, c.endpoint());
  }

  @Override
  public List<PolicyRule> policyRules(RuntimeConfig config) {
    return DockerPolicy.rules(DockerRuntimeConfig.from(config));
  }

  @Override
  public RuntimeCapabilities capabilities(RuntimeConfig config) {
    return DockerSkillRuntime.CAPABILITIES;
  }

  /** Reads {@code [skills.NAME.docker]} (the upstream keys; see docs/docker-runtime.md). */
  @Override
  public SkillSettings settings(SettingsInput input) {
    return DockerTableReader.read(input);
  }

  /** The container runs the call's command line as it is: {@code INTERPRETER SCRIPT ARGS...}. */
  @Override
  public SkillSettings scriptSettings(SettingsInput input, List<String> interpreters) {
    return DockerTableReader.read(input);
  }
}
