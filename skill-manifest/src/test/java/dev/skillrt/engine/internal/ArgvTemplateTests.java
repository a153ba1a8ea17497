package dev.skillrt.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.manifest.ArgvElement;
import dev.skillrt.manifest.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgvTemplateTests {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Location HERE = new Location("test.toml", 1, 1);

  /** A template written as in the manifest, in JSON: strings and nested arrays (groups). */
  static List<ArgvElement> template(String json) throws Exception {
    List<ArgvElement> out = new ArrayList<>();
    for (JsonNode e : JSON.readTree(json)) {
      if (e.isArray()) {
        List<String> parts = new ArrayList<>();
        e.forEach(p -> parts.add(p.textValue()));
        out.add(ArgvElement.group(parts, HERE));
      } else {
        out.add(ArgvElement.of(e.textValue(), HERE));
      }
    }
    return out;
  }

  static List<String> render(String template, String arguments) throws Exception {
    return ArgvTemplate.render(template(template), (ObjectNode) JSON.readTree(arguments), "tool \"git/push\"");
  }

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          # template (JSON; a nested array is a group)    | arguments                               | argv
          ["push", "--dry-run", "{{remote}}"]             | {"remote": "origin"}                    | ["push", "--dry-run", "origin"]
          ["push", "--dry-run", ["--remote", "{{remote}}"]] | {}                                    | ["push", "--dry-run"]
          ["push", "--dry-run", ["--remote", "{{remote}}"]] | {"remote": "o"}                       | ["push", "--dry-run", "--remote", "o"]
          ["push", "--dry-run", "--remote={{remote}}"]    | {}                                      | ["push", "--dry-run"]
          ["push", "-f", "-o{{opt}}", "{{ref}}"]          | {"ref": "main"}                         | ["push", "-f", "main"]
          ["push", "--dry-run", ["{{remote}}"]]           | {}                                      | ["push", "--dry-run"]
          [["--output", "{{out}}"], "{{input}}"]          | {"input": "data.txt"}                   | ["data.txt"]
          [["--output", "{{out}}"], "{{input}}"]          | {"input": "data.txt", "out": "o.txt"}   | ["--output", "o.txt", "data.txt"]
          [["--from", "{{a}}", "--to", "{{b}}"], "end"]   | {"a": "1"}                              | ["end"]
          ["log", "-n", "{{n}}", "--since={{since}}"]     | {"n": 5}                                | ["log", "-n", "5"]
          ["--verbose=1", "{{x}}", "end"]                 | {}                                      | ["--verbose=1", "end"]
          ["cp", "--", "{{src}}"]                         | {}                                      | ["cp", "--"]
          ["greet", "{{nickname}}", "--loud"]             | {}                                      | ["greet", "--loud"]
          ["--name={{name}}", "{{ a }}-{{b}}"]            | {"name": "x y", "a": "1", "b": "$2"}    | ["--name=x y", "1-$2"]
          ["{{n}}", "{{b}}", "{{l}}"]                     | {"n": 3, "b": true, "l": [1, "a"]}      | ["3", "true", "[1,\\"a\\"]"]
          """)
  void rendersEachElementOrLeavesOutExactlyWhatIsTiedToAMissingValue(String template, String arguments, String argv)
      throws Exception {
    assertThat(render(template, arguments)).isEqualTo(JSON.readValue(argv, List.class));
  }

  @ParameterizedTest(name = "{0} with {1} is refused")
  @CsvSource(
      delimiter = '|',
      textBlock = """
          # template                            | arguments              | parameter | flag
          ["push", "--dry-run", "{{remote}}"]   | {}                     | remote    | --dry-run
          ["--output", "{{out}}", "{{input}}"]  | {"input": "data.txt"}  | out       | --output
          ["ping", "-c", "{{count}}", "{{h}}"]  | {"h": "example.org"}   | count     | -c
          """)
  void aMissingValueRightAfterAnUntiedFlagRefusesTheCallInsteadOfDroppingOrShifting(
      String template, String arguments, String parameter, String flag) {
    assertThatThrownBy(() -> render(template, arguments))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("tool \"git/push\": parameter \"" + parameter + "\" must be given")
        .hasMessageContaining("right after the flag \"" + flag + "\", which is never left out")
        .hasMessageContaining("[\"" + flag + "\", \"{{" + parameter + "}}\"]");
  }

  @Test
  void eachPlaceholderFillsExactlyOneArgumentAndIsNeverResplit() throws Exception {
    String hostile = "a b 'c' \"d\"; rm -rf / $(id) `id` | cat > /tmp/x\nnext";
    ObjectNode args = JSON.valueToTree(Map.of("x", hostile));
    assertThat(ArgvTemplate.render(template("[\"run\", \"{{x}}\", \"--flag\"]"), args, "t"))
        .containsExactly("run", hostile, "--flag");
  }
}
