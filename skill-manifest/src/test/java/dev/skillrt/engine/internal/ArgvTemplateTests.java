package dev.skillrt.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Location;
import dev.skillrt.manifest.ArgvElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** Renders with every given value restricted, as when the caller chose them all. */
  static List<String> render(String template, String arguments) throws Exception {
    ObjectNode args = (ObjectNode) JSON.readTree(arguments);
    Set<String> callers = new HashSet<>();
    args.fieldNames().forEachRemaining(callers::add);
    return ArgvTemplate.render(template(template), args, callers, "tool \"git/push\"");
  }

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
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
  void rendersEachElementOrLeavesOutExactlyWhatIsTiedToAMissingValue(
      String template, String arguments, String argv) throws Exception {
    assertThat(render(template, arguments)).isEqualTo(JSON.readValue(argv, List.class));
  }

  @ParameterizedTest(name = "{0} with {1} is refused")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
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
    assertThat(
            ArgvTemplate.render(
                template("[\"run\", \"{{x}}\", \"--flag\"]"), args, Set.of("x"), "t"))
        .containsExactly("run", hostile, "--flag");
  }

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # template (JSON; a nested array is a group)    | arguments                          | argv
          ["sort", "{{file}}"]                            | {"file": "notes.txt"}              | ["sort", "notes.txt"]
          ["sort", "--", "{{file}}"]                      | {"file": "--output=/tmp/x"}        | ["sort", "--", "--output=/tmp/x"]
          ["sort", "--", "-r", "{{file}}"]                | {"file": "-o"}                     | ["sort", "--", "-r", "-o"]
          ["sort", "--output={{out}}", "{{file}}"]        | {"out": "-", "file": "f"}          | ["sort", "--output=-", "f"]
          ["sort", "-o{{out}}", "x-{{file}}"]             | {"out": "-z", "file": "-y"}        | ["sort", "-o-z", "x--y"]
          ["sort", ["--output", "{{out}}"], "{{file}}"]   | {"out": "-weird", "file": "f"}     | ["sort", "--output", "-weird", "f"]
          ["head", ["-n", "{{n}}"]]                       | {"n": -5}                          | ["head", "-n", "-5"]
          ["grep", ["-e", "{{p}}", "-e", "{{q}}"]]        | {"p": "-x", "q": "--y"}            | ["grep", "-e", "-x", "-e", "--y"]
          [["--", "{{a}}"], "{{b}}"]                      | {"a": "-x", "b": "-y"}             | ["--", "-x", "-y"]
          ["sort", "--", ["{{a}}"], "{{b}}"]              | {"a": "-x", "b": "-y"}             | ["sort", "--", "-x", "-y"]
          ["{{a}}", "{{b}}"]                              | {"a": " -x", "b": "+y"}            | [" -x", "+y"]
          ["expr", "{{n}}", "+", "1"]                     | {"n": 5}                           | ["expr", "5", "+", "1"]
          ["{{name}}-{{n}}"]                              | {"name": "x", "n": -1}             | ["x--1"]
          """)
  void aCallersValueMayFollowTheEndOfOptionsItsOwnFlagOrAnAuthorsLiteral(
      String template, String arguments, String argv) throws Exception {
    assertThat(render(template, arguments)).isEqualTo(JSON.readValue(argv, List.class));
  }

  @ParameterizedTest(name = "{0} with {1} is refused: {2} at {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # template                                  | arguments                          | parameter | position    | flag before
          ["{{file}}"]                                | {"file": "--output=/tmp/x"}        | file      | args[0]     |
          ["sort", "-r", "{{file}}"]                  | {"file": "--output=/tmp/x"}        | file      | args[2]     | -r
          ["rsync", "-a", "{{src}}", "{{dst}}"]       | {"src": "-esh -c id", "dst": "h:"} | src       | args[2]     | -a
          ["head", "-n", "{{n}}"]                     | {"n": -5}                          | n         | args[2]     | -n
          ["head", "-n", "{{n}}"]                     | {"n": -0.5}                        | n         | args[2]     | -n
          ["push", "--dry-run", "{{remote}}"]         | {"remote": "--force"}              | remote    | args[2]     | --dry-run
          ["cp", "{{name}}.txt", "dest"]              | {"name": "-rf"}                    | name      | args[1]     |
          ["cp", "{{name}}-copy", "dest"]             | {"name": ""}                       | name      | args[1]     |
          ["{{a}}{{b}}"]                              | {"a": "", "b": "-x"}               | b         | args[0]     |
          ["{{a}}", "-n", "5"]                        | {"a": "--"}                        | a         | args[0]     |
          ["{{a}}", "--", "{{b}}"]                    | {"a": "-", "b": "-y"}              | a         | args[0]     |
          ["sort", ["{{file}}"]]                      | {"file": "-o"}                     | file      | args[1][0]  |
          ["sort", ["--reverse", "{{f}}", "{{g}}"]]   | {"f": "a", "g": "-o"}              | g         | args[1][2]  |
          ["sort", "--output", ["{{file}}"]]          | {"file": "-o"}                     | file      | args[2][0]  |
          [["--", "{{a}}"], "{{b}}"]                  | {"b": "-y"}                        | b         | args[1]     |
          """)
  void aCallersValueThatWouldStartAnOptionIsRefused(
      String template, String arguments, String parameter, String position, String flagBefore)
      throws Exception {
    assertThatThrownBy(() -> render(template, arguments))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(1))
        .hasMessageStartingWith(
            "tool \"git/push\": the value of parameter \""
                + parameter
                + "\" makes "
                + position
                + " start with \"-\","
                + " so the program could read it as an option rather than as a value")
        .hasMessageContaining("put \"--\" (the end of options) before it in args")
        .hasMessageContaining("\"--option={{" + parameter + "}}\"")
        .hasMessageContaining("allow_leading_dash = true on parameter \"" + parameter + "\"")
        .satisfies(
            e -> {
              if (flagBefore == null) {
                assertThat(e.getMessage()).doesNotContain("tie it to the flag");
              } else {
                assertThat(e.getMessage())
                    .contains(
                        "tie it to the flag before it as one group [\""
                            + flagBefore
                            + "\", \"{{"
                            + parameter
                            + "}}\"]");
              }
            });
  }

  @Test
  void everyRefusedValueIsReportedOnceAndNoValueIsRepeated() throws Exception {
    String secret = "--password=hunter2-secret";
    ObjectNode args = JSON.valueToTree(Map.of("a", secret, "b", "-v", "n", "x"));
    assertThatThrownBy(
            () ->
                ArgvTemplate.render(
                    template("[\"{{a}}\", \"{{a}}\", \"{{b}}\", \"{{n}}\"]"),
                    args,
                    Set.of("a", "b", "n"),
                    "t"))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(p -> p.message().substring(0, p.message().indexOf(" makes")))
                    .containsExactly(
                        "t: the value of parameter \"a\"", "t: the value of parameter \"b\""))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void valuesTheRuleDoesNotRestrictMayStartAnyArgument() throws Exception {
    ObjectNode args = JSON.valueToTree(Map.of("n", -5, "flag", "-v"));
    assertThat(
            ArgvTemplate.render(
                template("[\"head\", \"{{flag}}\", \"-n\", \"{{n}}\"]"), args, Set.of(), "t"))
        .containsExactly("head", "-v", "-n", "-5");
  }

  @ParameterizedTest(name = "{0}: checked {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # template                                          | placeholders checked (JSON)
          ["{{a}}", "x{{b}}", "--c={{c}}", "{{d}}{{e}}f"]     | ["a", "d", "e"]
          ["-n", "{{a}}", ["-o", "{{b}}"], ["{{c}}", "{{d}}"]] | ["a", "c", "d"]
          ["{{a}}", "--", "{{b}}"]                            | ["a"]
          [["--", "{{a}}"], "{{b}}"]                          | ["b"]
          ["-o={{a}}"]                                        | []
          """)
  void validationKnowsWhichPlaceholdersAreChecked(String template, String checked)
      throws Exception {
    assertThat(ArgvTemplate.checkedPlaceholders(template(template)))
        .containsExactlyElementsOf(JSON.readValue(checked, List.class));
  }
}
