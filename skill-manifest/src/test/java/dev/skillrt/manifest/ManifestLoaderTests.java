package dev.skillrt.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Mount;
import dev.skillrt.api.Problem;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.testing.RecordingRuntimeProvider;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTests {

  static Path resource(String name) {
    try {
      return Path.of(ManifestLoaderTests.class.getResource("/manifests/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  /**
   * Runtimes under the shipped ids that read their tables leniently (their own tests read them for
   * real).
   */
  static final SkillRuntimeRegistry RUNTIMES =
      SkillRuntimeRegistry.of(
          List.of(
              new RecordingRuntimeProvider("native"),
              new RecordingRuntimeProvider("docker"),
              new RecordingRuntimeProvider("wasm")));

  static ManifestLoader loader(Map<String, String> env) {
    return ManifestLoader.builder().environment(env).registry(RUNTIMES).build();
  }

  static List<Problem> problemsOf(String toml, Map<String, String> env, Path dir) {
    try {
      loader(env).parse(toml, "test.toml", dir.resolve("test.toml"));
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the manifest to be rejected:\n" + toml);
  }

  @Nested
  class TheFullManifest {

    final Manifest manifest = loader(env("WORK_DIR", "/srv/work")).load(resource("full.toml"));
    final Path base = Objects.requireNonNull(resource("full.toml").getParent());

    @Test
    void readsTopLevelAndDefaults() {
      assertThat(manifest.version()).isEqualTo("1");
      assertThat(manifest.skills()).containsOnlyKeys("greeter", "converter", "hello-wasm", "raw");
      Defaults d = manifest.defaults();
      assertThat(d.env())
          .containsEntry("LOG_LEVEL", "info")
          .containsEntry("SHARED_TOKEN", "shared-secret-value");
      assertThat(d.secretEnv()).containsExactly("SHARED_TOKEN");
      assertThat(d.capabilities().networkAccess()).contains(false);
      assertThat(d.capabilities().maxConcurrentRequests()).hasValue(4);
      assertThat(d.capabilities().allowedPaths().orElseThrow())
          .containsExactly(new Mount(base.resolve("data"), base.resolve("data").toString(), true));
      assertThat(d.limits().timeout()).contains(Duration.ofSeconds(30));
      assertThat(d.limits().memory()).contains(DataSize.ofMebibytes(256));
      assertThat(d.limits().cpus()).hasValue(1.0);
      assertThat(d.limits().processes()).hasValue(64);
      assertThat(d.limits().outputPerStream()).contains(DataSize.ofMebibytes(1));
    }

    @Test
    void readsANativeSkillWithToolsInstancesAndServices() {
      SkillDefinition s = manifest.skill("greeter");
      assertThat(s.source()).isEqualTo("./greeter");
      assertThat(s.runtime()).isEqualTo("native");
      assertThat(s.description()).isEqualTo("Says hello");
      assertThat(s.ref()).contains("v1.2.3");
      assertThat(s.defaultInstance()).contains("friendly");
      assertThat(s.available()).isTrue();
      assertThat(s.settings()).isPresent();
      // skill limits lay over the defaults key by key
      assertThat(s.limits().timeout()).contains(Duration.ofSeconds(10));
      assertThat(s.limits().processes()).hasValue(16);
      assertThat(s.limits().memory()).contains(DataSize.ofMebibytes(256));

      ToolDefinition hello = s.tool("hello");
      assertThat(hello.args()).containsExactly("greet", "--name", "{{name}}", "--times={{times}}");
      assertThat(hello.stdin()).isEqualTo(StdinMode.NONE);
      assertThat(hello.parameters()).containsOnlyKeys("name", "times", "tone");
      assertThat(hello.parameter("name").orElseThrow().required()).isTrue();
      assertThat(hello.parameter("times").orElseThrow().type()).isEqualTo(ParameterType.INTEGER);
      assertThat(hello.parameter("times").orElseThrow().defaultValue())
          .contains(IntNode.valueOf(1));
      assertThat(hello.parameter("tone").orElseThrow().allowedValues())
          .containsExactly(TextNode.valueOf("warm"), TextNode.valueOf("dry"));
      assertThat(s.tool("login").stdin()).isEqualTo(StdinMode.JSON);
      assertThat(s.tool("login").parameter("password").orElseThrow().secret()).isTrue();

      InstanceDefinition friendly = Objects.requireNonNull(s.instances().get("friendly"));
      assertThat(friendly.description()).isEqualTo("A friendly greeter");
      assertThat(friendly.config())
          .containsEntry("greeting", "Hello")
          .containsEntry("api-key", "key-from-default")
          .containsEntry("db.password", "s3cr3t-db-password");
      assertThat(friendly.secretConfig()).containsExactlyInAnyOrder("api-key", "db.password");
      assertThat(friendly.env()).containsEntry("GREETER_MODE", "friendly");
      assertThat(friendly.secretEnv()).containsExactly("GREETER_TOKEN");
      assertThat(friendly.capabilities().networkAccess()).contains(true);
      assertThat(friendly.capabilities().maxConcurrentRequests()).hasValue(2);
      assertThat(friendly.capabilities().allowedPaths().orElseThrow())
          .containsExactly(
              new Mount(Path.of("/tmp"), "/host-tmp", false),
              new Mount(base.resolve("data"), "/data", true),
              new Mount(base.resolve("cache"), base.resolve("cache").toString(), true));
      assertThat(s.instance(Optional.empty()).name()).isEqualTo("friendly");
      assertThat(s.instance(Optional.of("terse")).config()).containsEntry("greeting", "Hi");

      assertThat(s.services()).hasSize(1);
      ServiceDefinition svc = s.services().get(0);
      assertThat(svc.name()).isEqualTo("greeting-api");
      assertThat(svc.optional()).isTrue();
      assertThat(svc.defaultPort()).hasValue(8080);
    }

    @Test
    void aWasmSkillDefaultsItsRuntimeAndModule() {
      SkillDefinition s = manifest.skill("hello-wasm");
      assertThat(s.runtime()).isEqualTo("wasm");
      assertThat(s.tool("stats").args()).containsExactly("stats");
    }
  }

  @Nested
  class Problems {

    @TempDir Path dir;

    @Test
    void everyProblemIsReportedAtOnceWithItsLine() {
      String toml =
          """
          version = "1"

          [skills.a]
          source = "./a"
          runtim = "native"

          [skills.b]
          source = "./b"
          runtime = "dokcer"

          [skills.c]
          source = "./c"
          runtime = "native"
          default_instance = "prod"

          [skills.c.native]
          command = "echo"

          [skills.c.instances.staging]
          config.x = "1"

          [skills.c.limits]
          timeout = "soon"
          pids = 0

          [skills.c.tools.t]
          args = ["{{nmae}}"]

          [skills.c.tools.t.parameters.name]
          type = "strng"
          """;
      List<Problem> problems = problemsOf(toml, env(), dir);
      assertThat(problems).allSatisfy(p -> assertThat(p.source()).isEqualTo("test.toml"));
      assertThat(problems)
          .anySatisfy(
              p -> {
                assertThat(p.line()).isEqualTo(5);
                assertThat(p.column()).isEqualTo(1);
                assertThat(p.message())
                    .contains("unknown key \"runtim\"")
                    .contains("did you mean \"runtime\"?");
              })
          .anySatisfy(
              p -> {
                assertThat(p.line()).isEqualTo(14);
                assertThat(p.message()).contains("unknown instance \"prod\"").contains("staging");
              })
          .anySatisfy(
              p -> {
                assertThat(p.line()).isEqualTo(23);
                assertThat(p.message()).contains("timeout").contains("duration");
              })
          .anySatisfy(
              p -> {
                assertThat(p.line()).isEqualTo(24);
                assertThat(p.message()).contains("pids").contains("between 1");
              })
          .anySatisfy(
              p -> {
                assertThat(p.line()).isEqualTo(27);
                assertThat(p.message()).contains("{{nmae}}").contains("did you mean \"name\"?");
              })
          .anySatisfy(
              p -> {
                assertThat(p.line()).isEqualTo(30);
                assertThat(p.message())
                    .contains("unknown parameter type \"strng\"")
                    .contains("did you mean \"string\"?");
              });
      // a runtime that is not installed (b's "dokcer") makes its skill unavailable, not the
      // manifest
      assertThat(problems).hasSize(6);
    }

    @Test
    void wrongTypesNameWhatWasExpected() {
      String toml =
          """
          version = 1
          [defaults]
          capabilities = { network_access = "yes", max_concurrent_requests = "many" }
          [skills.a]
          source = 3
          description = ["x"]
          [skills.a.instances.i]
          capabilities.allowed_paths = "/tmp"
          """;
      List<Problem> problems = problemsOf(toml, env(), dir);
      assertThat(problems)
          .extracting(Problem::toString)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith("test.toml:1:1: version must be a string, found an integer"))
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith("test.toml:3:")
                      .contains("network_access must be a boolean"))
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains("max_concurrent_requests must be an integer, found a string"))
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith(
                          "test.toml:5:1: skills.a.source must be a string, found an integer"))
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith(
                          "test.toml:6:1: skills.a.description must be a string, found an array"))
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith("test.toml:8:1:")
                      .contains("allowed_paths must be an array of strings"));
    }

    @Test
    void anUnsetVariableNamesTheVariableTheFileAndTheLine() {
      String toml =
          """
          [skills.a]
          source = "./a"
          [skills.a.instances.prod]
          config.host = "${NO_SUCH_HOST_VARIABLE}"
          config.key = "${API_KEY:?set API_KEY to your key}"
          """;
      List<Problem> problems = problemsOf(toml, env(), dir);
      assertThat(problems).hasSize(2);
      assertThat(problems.get(0).toString())
          .startsWith("test.toml:4:1: ")
          .contains("skills.a.instances.prod.config.host")
          .contains("NO_SUCH_HOST_VARIABLE is not set");
      assertThat(problems.get(1).toString())
          .startsWith("test.toml:5:1: ")
          .contains("API_KEY is not set: set API_KEY to your key");
    }

    @Test
    void aProviderThatThrowsReadingItsTableIsAConfigurationErrorNamingItAndTheTable() {
      SkillRuntimeProvider broken =
          new SkillRuntimeProvider() {
            @Override
            public String id() {
              return "broken";
            }

            @Override
            public Availability probe(RuntimeConfig config) {
              return Availability.ok();
            }

            @Override
            public SkillRuntime create(RuntimeConfig config) {
              throw new UnsupportedOperationException();
            }

            @Override
            public SkillSettings settings(SettingsInput input) {
              throw new IllegalStateException("no idea what " + input.table().name() + " means");
            }
          };
      String toml =
          "[skills.a]\nsource = \"./a\"\nruntime = \"broken\"\n[skills.a.broken]\nflavour = \"x\"\n";
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  ManifestLoader.builder()
                      .environment(env())
                      .registry(SkillRuntimeRegistry.of(List.of(broken)))
                      .build()
                      .parse(toml, "test.toml", dir.resolve("test.toml")));
      assertThat(thrown).isInstanceOf(ConfigurationException.class);
      assertThat(((ConfigurationException) thrown).problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.toString()).startsWith("test.toml:4:1: ");
                assertThat(p.message())
                    .contains(
                        "the broken runtime ("
                            + broken.getClass().getName()
                            + ") failed to read [skills.a.broken]")
                    .contains("no idea what skills.a.broken means");
              });
    }

    @Test
    void aRuntimeTableOfAnotherRuntimeIsAnError() {
      String toml =
          """
          [skills.a]
          source = "./a"
          runtime = "wasm"
          [skills.a.docker]
          image = "x"
          """;
      assertThat(problemsOf(toml, env(), dir))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.message())
                      .contains("applies to the docker runtime")
                      .contains("\"wasm\""));
    }

    @Test
    void aToolCatalogueIsRecognisedAndLocated() {
      String toml =
          """
          # a catalogue
          [[skill]]
          name = "hello"
          [[skill.tool]]
          name = "greet"
          command = "echo {{name}}"
          """;
      assertThat(problemsOf(toml, env(), dir))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message())
                    .contains(
                        "tool catalogue ([[skill]] tables), not a runtime manifest ([skills.NAME] tables)");
              });
    }

    @Test
    void aKeyGivenTwiceIsNamedAtItsSecondLine() {
      String toml =
          """
          [skills.a]
          source = "./a"
          description = "one"
          runtime = "wasm"
          description = "two"
          [skills.a.instances.i]
          config = { x = "1", x = "2" }
          """;
      List<Problem> problems = problemsOf(toml, env(), dir);
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(5);
                assertThat(p.column()).isEqualTo(1);
                assertThat(p.message())
                    .isEqualTo(
                        "duplicate key skills.a.description: it is already set at line 3; keep one of the two");
              });
      assertThat(
              problemsOf(
                  "[skills.a]\nsource = \"./a\"\nenv = { A = \"1\", A = \"2\" }\n", env(), dir))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.message()).startsWith("duplicate key skills.a.env.A:");
              });
    }

    @Test
    void aSyntaxErrorCarriesItsLine() {
      List<Problem> problems =
          problemsOf("[skills.a]\nsource = \"./a\nruntime = \"wasm\"\n", env(), dir);
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).startsWith("TOML syntax error");
              });
    }

    @Test
    void configKeysMustMakeDistinctVariableNames() {
      String toml =
          """
          [skills.a]
          source = "./a"
          [skills.a.instances.i]
          config.api-key = "1"
          config.api_key = "2"
          config."with space" = "3"
          env."1BAD" = "4"
          """;
      List<Problem> problems = problemsOf(toml, env(), dir);
      assertThat(problems)
          .extracting(Problem::toString)
          .containsExactlyInAnyOrder(
              "test.toml:5:1: config keys \"api-key\" and \"api_key\" both become SKILL_CONFIG_API_KEY; rename one",
              "test.toml:6:1: config key \"with space\" cannot become an environment variable; use letters, digits, _, - and .",
              "test.toml:7:1: \"1BAD\" is not a valid environment variable name; use letters, digits and _, not starting with a digit");
    }

    @Test
    void secretValuesNeverAppearInProblems() {
      String toml =
          """
          [skills.a]
          source = "./a"
          [skills.a.instances.i]
          config.password = { value = "hunter2-secret", secret = true, sekret = true }
          """;
      List<Problem> problems = problemsOf(toml, env(), dir);
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.message())
                    .contains("unknown key \"sekret\"")
                    .contains("did you mean \"secret\"?");
                assertThat(p.toString()).doesNotContain("hunter2");
              });
    }
  }
}
