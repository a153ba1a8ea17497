package dev.skillrt.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Problem;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.RecordingRuntimeProvider;
import dev.skillrt.testing.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the upstream manifests in {@code ../shared/compat/upstream-manifests} (never copied into
 * this repository): runtime manifests load and route every skill to the runtime it names; tool
 * catalogues fail with located messages.
 */
class UpstreamCompatibilityTests {

  private static final Pattern UNSET =
      Pattern.compile("environment variable ([A-Za-z_][A-Za-z0-9_]*) is not set");

  static Path folder() {
    String configured =
        System.getProperty("skillrt.compat.manifests", "../../shared/compat/upstream-manifests");
    Path dir = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      System.err.println(
          "\n*** UPSTREAM COMPATIBILITY TESTS SKIPPED: no folder "
              + dir
              + " (CI has it beside the clone at ../shared/compat) ***\n");
    }
    assumeTrue(Files.isDirectory(dir), "upstream manifests folder " + dir + " is absent");
    return dir;
  }

  static List<Path> files(boolean catalogues) throws IOException {
    try (Stream<Path> s = Files.list(folder())) {
      return s.filter(
              p ->
                  p.getFileName()
                          .toString()
                          .startsWith("crates__skill-cli__tests__fixtures__manifests__")
                      == catalogues)
          .sorted()
          .toList();
    }
  }

  static final List<RecordingRuntimeProvider> PROVIDERS =
      List.of(
          new RecordingRuntimeProvider("native"),
          new RecordingRuntimeProvider("docker"),
          new RecordingRuntimeProvider("wasm"));

  static Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return env;
  }

  @TestFactory
  Stream<DynamicTest> runtimeManifestsLoadAndRouteEverySkill() throws IOException {
    List<Path> files = files(false);
    assertThat(files).hasSizeGreaterThanOrEqualTo(19);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> loadAndRoute(f)));
  }

  private void loadAndRoute(Path file) throws IOException {
    SkillRuntimeRegistry registry = SkillRuntimeRegistry.of(PROVIDERS);
    // First without the variables the file needs: every problem must be an unset variable,
    // named, with the file and its line.
    Map<String, String> env = baseEnv();
    Set<String> needed = new LinkedHashSet<>();
    try {
      ManifestLoader.builder().environment(env).registry(registry).build().load(file);
    } catch (ConfigurationException e) {
      for (Problem p : e.problems()) {
        Matcher m = UNSET.matcher(p.message());
        assertThat(m.find()).as("only unset variables may stop %s: %s", file, p).isTrue();
        assertThat(p.source()).isEqualTo(file.toString());
        assertThat(p.line()).isPositive();
        needed.add(m.group(1));
      }
    }
    for (String name : needed) {
      env.put(name, "/compat/" + name.toLowerCase());
    }
    Manifest manifest =
        ManifestLoader.builder().environment(env).registry(registry).build().load(file);

    JsonNode raw = new TomlMapper().readTree(Files.readString(file));
    JsonNode skills = raw.path("skills");
    assertThat(manifest.skills().keySet()).containsExactlyElementsOf(iterable(skills.fieldNames()));
    try (SkillEngine engine = SkillEngine.builder().manifest(manifest).registry(registry).build()) {
      for (Map.Entry<String, JsonNode> e : skills.properties()) {
        String name = e.getKey();
        JsonNode rawSkill = e.getValue();
        String runtime = rawSkill.path("runtime").asText("wasm");
        SkillDefinition skill = manifest.skill(name);
        assertThat(skill.runtime()).as("runtime of %s in %s", name, file).isEqualTo(runtime);
        assertThat(registry.provider(skill.runtime()).id()).isEqualTo(runtime);
        assertThat(skill.instances().keySet())
            .containsExactlyElementsOf(iterable(rawSkill.path("instances").fieldNames()));
        assertThat(skill.services()).hasSize(rawSkill.path("services").size());
        for (String instance : skill.instances().keySet()) {
          JsonNode rawInstance = rawSkill.path("instances").path(instance);
          InstanceDefinition def = skill.instances().get(instance);
          assertThat(def.config().keySet())
              .containsAll(iterable(rawInstance.path("config").fieldNames()));
          assertThat(def.env().keySet())
              .containsExactlyElementsOf(iterable(rawInstance.path("env").fieldNames()));
          if (rawInstance.path("capabilities").has("network_access")) {
            assertThat(def.capabilities().networkAccess())
                .contains(rawInstance.path("capabilities").path("network_access").asBoolean());
          }
        }
        if (runtime.equals("docker")) {
          routeDocker(engine, file, name, rawSkill, skill);
        } else {
          assertThatThrownBy(
                  () ->
                      engine.execute(
                          name,
                          "TOOL",
                          JsonNodeFactory.instance.objectNode(),
                          ExecuteOptions.defaults()))
              .as("%s in %s names no program, so it cannot run", name, file)
              .isInstanceOf(ConfigurationException.class)
              .hasMessageContaining("skill \"" + name + "\" runs on the " + runtime + " runtime")
              .hasMessageContaining(file.toString() + ":");
        }
      }
    }
  }

  /**
   * The docker runtime reads the table itself (its own tests check every key); here: the call
   * reaches it.
   */
  private void routeDocker(
      SkillEngine engine, Path file, String name, JsonNode rawSkill, SkillDefinition skill) {
    RecordingRuntimeProvider docker = PROVIDERS.get(1);
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
      TableSpec spec = request.spec(TableSpec.class);
      assertThat(spec.table().get("image"))
          .isEqualTo(rawSkill.path("docker").path("image").asText());
      assertThat(spec.arguments()).containsExactly("TOOL", "--version");
      if (!instance.isEmpty()) {
        assertThat(request.environment()).containsEntry("SKILL_INSTANCE", instance);
        rawSkill
            .path("instances")
            .path(instance)
            .path("config")
            .fieldNames()
            .forEachRemaining(
                k ->
                    assertThat(request.environment())
                        .containsKey(
                            "SKILL_CONFIG_" + k.toUpperCase().replace('-', '_').replace('.', '_')));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> toolCataloguesFailWithLocatedMessages() throws IOException {
    List<Path> files = files(true);
    assertThat(files).hasSize(6);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> rejectsCatalogue(f)));
  }

  private void rejectsCatalogue(Path file) throws IOException {
    ManifestLoader loader = ManifestLoader.builder().environment(baseEnv()).build();
    List<String> lines = Files.readAllLines(file);
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> loader.load(file));
    assertThat(thrown).isInstanceOf(ConfigurationException.class);
    Problem p = ((ConfigurationException) thrown).problems().get(0);
    assertThat(p.source()).isEqualTo(file.toString());
    if (file.getFileName().toString().endsWith("invalid-syntax.toml")) {
      int unterminated =
          indexOfLineContaining(lines, "description = \"This skill has syntax errors") + 1;
      assertThat(p.message()).startsWith("TOML syntax error");
      assertThat(p.line()).isBetween(unterminated, unterminated + 1);
    } else {
      assertThat(p.message())
          .contains(
              "tool catalogue ([[skill]] tables), not a runtime manifest ([skills.NAME] tables)");
      assertThat(p.line()).isEqualTo(indexOfLineContaining(lines, "[[skill]]") + 1);
      assertThat(p.column()).isEqualTo(1);
    }
  }

  private static int indexOfLineContaining(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(text)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with " + text);
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
