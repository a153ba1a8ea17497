package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.skillrt.api.CapturedOutput;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Problem;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.runtime.docker.internal.DockerSettings;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.spi.SkillSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The upstream manifests in {@code ../shared/compat/upstream-manifests} (never copied into this
 * repository), read by the docker runtime's own provider: every docker skill's table becomes the
 * container, mounts, environment, working folder, network and limits upstream means. Only the
 * docker runtime is installed, so the skills of other runtimes load as unavailable. The container
 * runs on a runtime that records the request instead.
 */
class UpstreamDockerManifestsTests {

  private static final Pattern UNSET =
      Pattern.compile("environment variable ([A-Za-z_][A-Za-z0-9_]*) is not set");

  /** The docker provider's table reading, rules and capabilities; a runtime that records. */
  static final class RecordingDocker implements SkillRuntimeProvider {
    final DockerSkillRuntimeProvider real = new DockerSkillRuntimeProvider();
    final List<ExecutionRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return real.id();
    }

    @Override
    public Availability probe(RuntimeConfig config) {
      return Availability.ok();
    }

    @Override
    public SkillSettings settings(SettingsInput input) {
      return real.settings(input);
    }

    @Override
    public List<PolicyRule> policyRules(RuntimeConfig config) {
      return real.policyRules(config);
    }

    @Override
    public SkillRuntime create(RuntimeConfig config) {
      return new AbstractSkillRuntime(id()) {
        @Override
        public RuntimeCapabilities capabilities() {
          return real.capabilities(config);
        }

        @Override
        protected ExecutionResult run(ExecutionRequest request) {
          requests.add(request);
          return ExecutionResult.builder(ExecutionStatus.SUCCEEDED)
              .exitCode(0)
              .stdout(CapturedOutput.of("ok"))
              .build();
        }
      };
    }
  }

  static Path folder() {
    String configured =
        System.getProperty("skillrt.compat.manifests", "../../shared/compat/upstream-manifests");
    Path dir = Path.of(configured).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(dir), "upstream manifests folder " + dir + " is absent");
    return dir;
  }

  @TestFactory
  Stream<DynamicTest> dockerSkillsBecomeTheContainersUpstreamMeans() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder())) {
      files =
          s.filter(
                  p ->
                      !p.getFileName()
                          .toString()
                          .startsWith("crates__skill-cli__tests__fixtures__manifests__"))
              .filter(p -> read(p).contains("runtime = \"docker\""))
              .sorted()
              .toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> route(f)));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void route(Path file) throws IOException {
    RecordingDocker docker = new RecordingDocker();
    SkillRuntimeRegistry registry = SkillRuntimeRegistry.of(List.of(docker));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    try {
      ManifestLoader.builder().environment(env).registry(registry).build().load(file);
    } catch (ConfigurationException e) {
      for (Problem p : e.problems()) {
        Matcher m = UNSET.matcher(p.message());
        assertThat(m.find()).as("only unset variables may stop %s: %s", file, p).isTrue();
        env.put(m.group(1), "/compat/" + m.group(1).toLowerCase());
      }
    }
    Manifest manifest =
        ManifestLoader.builder().environment(env).registry(registry).build().load(file);
    JsonNode skills = new TomlMapper().readTree(Files.readString(file)).path("skills");
    try (SkillEngine engine = SkillEngine.builder().manifest(manifest).registry(registry).build()) {
      for (Map.Entry<String, JsonNode> e : skills.properties()) {
        SkillDefinition skill = manifest.skill(e.getKey());
        if (!e.getValue().path("runtime").asText("wasm").equals(DockerSkillRuntimeProvider.ID)) {
          assertThat(skill.available())
              .as("%s: its runtime is not installed here", skill.name())
              .isFalse();
          assertThat(skill.unavailable().orElseThrow()).contains("which is not installed");
          continue;
        }
        routeDocker(engine, docker, file, e.getValue(), skill);
      }
    }
  }

  private void routeDocker(
      SkillEngine engine,
      RecordingDocker docker,
      Path file,
      JsonNode rawSkill,
      SkillDefinition skill) {
    String name = skill.name();
    List<String> instances =
        skill.instances().isEmpty() ? List.of("") : List.copyOf(skill.instances().keySet());
    for (String instance : instances) {
      int before = docker.requests.size();
      ExecuteOptions.Builder options =
          ExecuteOptions.builder().positionalArguments(List.of("--version"));
      if (!instance.isEmpty()) {
        options.instance(instance);
      }
      ExecutionResult result =
          engine.execute(name, "TOOL", JsonNodeFactory.instance.objectNode(), options.build());
      assertThat(result.succeeded()).as("%s in %s: %s", name, file, result.message()).isTrue();
      ExecutionRequest request = docker.requests.get(before);
      JsonNode d = rawSkill.path("docker");
      ContainerSpec spec = request.spec(ContainerSpec.class);
      assertThat(spec.image()).isEqualTo(d.path("image").asText());
      assertThat(spec.entrypoint()).containsExactly(d.path("entrypoint").asText());
      assertThat(spec.command()).endsWith("TOOL", "--version");
      assertThat(spec.remove()).isEqualTo(d.path("rm").asBoolean(true));
      // volumes, plus allowed_paths that do not name a volume's guest path
      Set<String> guests = new LinkedHashSet<>();
      ((DockerSettings) skill.settings().orElseThrow())
          .volumes()
          .forEach(v -> guests.add(v.guestPath()));
      long extra = 0;
      for (JsonNode granted :
          rawSkill.path("instances").path(instance).path("capabilities").path("allowed_paths")) {
        extra += guests.contains(granted.asText()) ? 0 : 1;
      }
      assertThat(request.mounts()).hasSize(d.path("volumes").size() + (int) extra);
      assertThat(request.workingDirectory().orElse("")).isEqualTo(d.path("working_dir").asText(""));
      for (JsonNode envEntry : d.path("environment")) {
        String key = envEntry.asText().substring(0, envEntry.asText().indexOf('='));
        assertThat(request.environment()).containsKey(key);
      }
      boolean networkGranted = !d.path("network").asText("none").equals("none");
      JsonNode instCaps = rawSkill.path("instances").path(instance).path("capabilities");
      if (instCaps.has("network_access") && !instCaps.get("network_access").asBoolean()) {
        networkGranted = false;
      }
      assertThat(request.networkAllowed()).isEqualTo(networkGranted);
      assertThat(spec.network().isPresent()).isEqualTo(networkGranted);
      if (d.has("memory")) {
        assertThat(request.limits().memory()).isPresent();
      }
    }
  }
}
