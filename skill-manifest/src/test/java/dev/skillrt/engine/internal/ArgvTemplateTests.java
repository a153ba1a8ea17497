package dev.skillrt.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgvTemplateTests {

  final ObjectMapper json = new ObjectMapper();

  ObjectNode args(Map<String, ?> values) {
    return json.valueToTree(values);
  }

  @Test
  void eachPlaceholderFillsExactlyOneArgumentAndIsNeverResplit() {
    String hostile = "a b 'c' \"d\"; rm -rf / $(id) `id` | cat > /tmp/x\nnext";
    assertThat(ArgvTemplate.render(List.of("run", "{{x}}", "--flag"), args(Map.of("x", hostile))))
        .containsExactly("run", hostile, "--flag");
  }

  @Test
  void aPlaceholderMayBePartOfAnElement() {
    assertThat(ArgvTemplate.render(List.of("--name={{name}}", "{{ a }}-{{b}}"), args(Map.of("name", "x y", "a", "1", "b", "$2"))))
        .containsExactly("--name=x y", "1-$2");
  }

  @Test
  void nonStringValuesBecomeTheirJsonText() {
    assertThat(ArgvTemplate.render(List.of("{{n}}", "{{b}}", "{{l}}"), args(Map.of("n", 3, "b", true, "l", List.of(1, "a")))))
        .containsExactly("3", "true", "[1,\"a\"]");
  }

  @Test
  void anElementWhoseValueIsMissingIsLeftOut() {
    assertThat(ArgvTemplate.render(List.of("log", "-n", "{{n}}", "--since={{since}}"), args(Map.of("n", 5))))
        .containsExactly("log", "-n", "5");
  }

  @Test
  void aMissingValueTakesItsFlagAlongSoNothingShifts() {
    List<String> template = List.of("[%s]\\n", "--output", "{{out}}", "{{input}}");
    assertThat(ArgvTemplate.render(template, args(Map.of("input", "data.txt"))))
        .containsExactly("[%s]\\n", "data.txt");
    assertThat(ArgvTemplate.render(template, args(Map.of("input", "data.txt", "out", "o.txt"))))
        .containsExactly("[%s]\\n", "--output", "o.txt", "data.txt");
  }

  @Test
  void aFlagThatCarriesItsOwnValueIsNotDropped() {
    assertThat(ArgvTemplate.render(List.of("--verbose=1", "{{x}}", "end"), args(Map.of())))
        .containsExactly("--verbose=1", "end");
  }
}
