package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.RecordingRuntimeProvider;
import dev.skillrt.testing.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whose values may start an argument with {@code -}: the manifest's (a default, also passed again,
 * an enum value) and those of a parameter with {@code allow_leading_dash = true}; every other value
 * a caller passes, strings and numbers alike, is refused there.
 */
class LeadingDashTests {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{1} with {2} ({0}) -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # parameters (TOML inline tables, ; between)              | args                                  | arguments                          | argv, or refused: PARAMETER
          mode = {default = "-r"}                                   | ["sort", "{{mode}}"]                  | {}                                 | ["sort", "-r"]
          mode = {default = "-r"}                                   | ["sort", "{{mode}}"]                  | {"mode": "-r"}                     | ["sort", "-r"]
          mode = {default = "-r"}                                   | ["sort", "{{mode}}"]                  | {"mode": "-o/tmp/x"}               | refused: mode
          mode = {enum = ["-r", "-n"]}                              | ["sort", "{{mode}}"]                  | {"mode": "-n"}                     | ["sort", "-n"]
          n = {type = "integer", default = -1}                      | ["head", "-n", "{{n}}"]               | {}                                 | ["head", "-n", "-1"]
          n = {type = "integer", default = -1}                      | ["head", "-n", "{{n}}"]               | {"n": -1}                          | ["head", "-n", "-1"]
          n = {type = "integer", default = -1}                      | ["head", "-n", "{{n}}"]               | {"n": -2}                          | refused: n
          n = {type = "integer"}                                    | ["head", "-n", "{{n}}"]               | {"n": 2}                           | ["head", "-n", "2"]
          n = {type = "integer", allow_leading_dash = true}         | ["head", "-n", "{{n}}"]               | {"n": -2}                          | ["head", "-n", "-2"]
          x = {type = "number"}                                     | ["calc", "{{x}}"]                     | {"x": -2.5}                        | refused: x
          x = {type = "number", allow_leading_dash = true}          | ["calc", "{{x}}"]                     | {"x": -2.5}                        | ["calc", "-2.5"]
          pattern = {allow_leading_dash = true}; file = {}          | ["grep", "{{pattern}}", "{{file}}"]   | {"pattern": "-v", "file": "x"}     | ["grep", "-v", "x"]
          pattern = {allow_leading_dash = true}; file = {}          | ["grep", "{{pattern}}", "{{file}}"]   | {"pattern": "-v", "file": "-f"}    | refused: file
          token = {secret = true}                                   | ["login", "{{token}}"]                | {"token": "--s3cret-value"}        | refused: token
          flags = {type = "array"}                                  | ["run", "{{flags}}"]                  | {"flags": ["-rf"]}                 | ["run", "[\\"-rf\\"]"]
          """)
  void onlyTheManifestsValuesAndAllowedParametersMayStartAnOption(
      String parameters, String args, String arguments, String expected) throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("m.toml"),
            "[skills.s]\nsource = \"./s\"\nruntime = \"native\"\n[skills.s.native]\ncommand = \"echo\"\n"
                + "[skills.s.tools.t]\nargs = "
                + args
                + "\n"
                + "[skills.s.tools.t.parameters]\n"
                + parameters.replace("; ", "\n")
                + "\n");
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(manifest)
            .environment(SkillEngineTests.env())
            .registry(SkillRuntimeRegistry.of(List.of(new RecordingRuntimeProvider("native"))))
            .build()) {
      assertThat(engine.validate().errors()).isEmpty();
      if (expected.startsWith("refused: ")) {
        String parameter = expected.substring("refused: ".length());
        String value = JSON.readTree(arguments).get(parameter).asText();
        assertThatThrownBy(
                () -> engine.plan("s", "t", JSON.readTree(arguments), ExecuteOptions.defaults()))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith(
                "tool \"s/t\": the value of parameter \"" + parameter + "\" makes args[")
            .hasMessageNotContaining(value);
      } else {
        List<String> argv =
            engine
                .plan("s", "t", JSON.readTree(arguments), ExecuteOptions.defaults())
                .spec(TableSpec.class)
                .arguments();
        assertThat(argv).isEqualTo(JSON.readValue(expected, List.class));
      }
    }
  }
}
