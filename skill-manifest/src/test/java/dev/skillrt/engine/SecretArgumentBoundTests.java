package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.StreamKind;
import dev.skillrt.manifest.ManifestMaxima;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A caller may give a secret parameter at most {@link ManifestMaxima#SECRET_ARGUMENT}: a longer
 * value, which would make masking the call's output search for a caller-chosen giant, is refused
 * before anything runs, naming the parameter and never the value. The manifest's own secrets may be
 * long, and masking them stays quick. Real processes (the {@code test-process} backend).
 */
class SecretArgumentBoundTests {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String LONG_KEY = "a".repeat(100_000);

  @TempDir Path dir;
  SkillEngine engine;

  @BeforeEach
  void start() throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("skills.toml"),
            """
            [defaults.limits]
            timeout = "20s"
            output = "8m"

            [skills.echo]
            source = "./echo"
            runtime = "test-process"
            [skills.echo.test-process]
            command = "sh"
            [skills.echo.tools.cat]
            args = ["-c", "cat"]
            [skills.echo.tools.cat.parameters.token]
            type = "string"
            secret = true
            [skills.echo.tools.cat.parameters.codes]
            type = "array"
            secret = true

            [skills.keyed]
            source = "./keyed"
            runtime = "test-process"
            [skills.keyed.test-process]
            command = "sh"
            [skills.keyed.tools.cat]
            args = ["-c", "cat"]
            [skills.keyed.instances.main]
            config.key = { value = "${LONG_KEY}", secret = true }
            """);
    Map<String, String> env = SkillEngineTests.env();
    env.put("LONG_KEY", LONG_KEY);
    engine =
        SkillEngine.builder()
            .manifest(manifest)
            .environment(env)
            .auditFile(dir.resolve("audit.jsonl"))
            .build();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  static Stream<Arguments> withinTheBound() {
    return Stream.of(
        Arguments.of("4096 ASCII characters", "token", text("a".repeat(4096))),
        Arguments.of("2048 two-byte characters (4096 bytes)", "token", text("é".repeat(2048))),
        Arguments.of("an array of 4096 bytes as JSON", "codes", array(1365, "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withinTheBound")
  void aSecretArgumentUpToTheBoundIsAccepted(String label, String parameter, JsonNode value) {
    ExecutionResult r =
        engine.execute(
            "echo",
            "cat",
            arguments(parameter, value),
            ExecuteOptions.builder().stdin("ok").build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("ok");
  }

  static Stream<Arguments> pastTheBound() {
    return Stream.of(
        Arguments.of("100,000 characters (the denial of service)", "token", text(LONG_KEY)),
        Arguments.of("4097 ASCII characters", "token", text("b".repeat(4097))),
        Arguments.of("2049 two-byte characters (4098 bytes)", "token", text("é".repeat(2049))),
        Arguments.of("an array of 4097 bytes as JSON", "codes", array(1365, "x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pastTheBound")
  void aLongerSecretArgumentIsRefusedBeforeAnythingRuns(
      String label, String parameter, JsonNode value) throws Exception {
    String output = "x".repeat(4 << 20);
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    BOUND,
                    () ->
                        engine.execute(
                            "echo",
                            "cat",
                            arguments(parameter, value),
                            ExecuteOptions.builder().stdin(output).build())))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(t -> assertThat(((ConfigurationException) t).problems()).hasSize(1))
        .hasMessage(
            "tool \"echo/cat\": secret parameter \""
                + parameter
                + "\" is longer than 4096 bytes (4 KiB in UTF-8), the most a call"
                + " may give a secret; pass a shorter value, or keep a long secret (a key, a certificate) in the manifest as a"
                + " secret env or config value");
    assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).as("no call was made").isEmpty();
  }

  /**
   * The reviewer's output (4 MB of "aaa...ab") against a 100,000-character secret of the manifest.
   */
  @Test
  void aLongSecretOfTheManifestIsMaskedQuicklyInCapturedAndStreamedOutput() {
    String output = "a".repeat(4 << 20) + "b";
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    ExecutionResult r =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                engine.execute(
                    "keyed",
                    "cat",
                    Map.of(),
                    ExecuteOptions.builder()
                        .stdin(output)
                        .outputListener(
                            (stream, chunk) -> {
                              if (stream == StreamKind.STDOUT) {
                                streamed.writeBytes(chunk);
                              }
                            })
                        .build()));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("***b");
    assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo("***b");
  }

  private static JsonNode arguments(String parameter, JsonNode value) {
    return JsonNodeFactory.instance.objectNode().set(parameter, value);
  }

  private static JsonNode text(String s) {
    return JsonNodeFactory.instance.textNode(s);
  }

  /**
   * {@code ["", "", ...]}: {@code count} strings, the first one {@code first}; 3 bytes a string,
   * plus 1, plus {@code first}.
   */
  private static JsonNode array(int count, String first) {
    var array = JsonNodeFactory.instance.arrayNode();
    array.add(first);
    Collections.nCopies(count - 1, "").forEach(array::add);
    return array;
  }
}
