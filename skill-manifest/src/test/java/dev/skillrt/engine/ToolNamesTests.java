package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.engine.ToolNames.QualifiedTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolNamesTests {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "git           | log         | git__log",
        "my-skill      | run_it      | my-skill__run_it",
        "web.search    | query       | web_search__query",
        "kube ctl      | get pods    | kube_ctl__get_pods",
        "ünï           | tøøl        | _n___t__l",
        "a/b           | c:d         | a_b__c_d",
      })
  void aSingleToolIsSkillTwoUnderscoresToolWithUnfitCharactersReplaced(
      String skill, String tool, String expected) {
    assertThat(ToolNames.assign(List.of(new QualifiedTool(skill, tool))))
        .containsExactly(Map.entry(new QualifiedTool(skill, tool), expected));
  }

  @Test
  void aNameOfExactlySixtyFourCharactersIsKept() {
    String skill = "s".repeat(30);
    String tool = "t".repeat(32);
    String name =
        ToolNames.assign(List.of(new QualifiedTool(skill, tool))).values().iterator().next();
    assertThat(name).hasSize(64).isEqualTo(skill + "__" + tool);
  }

  @Test
  void aLongerNameIsCutAndGivenAHashOfTheOriginalNames() {
    String skill = "s".repeat(40);
    String tool = "t".repeat(40);
    String name =
        ToolNames.assign(List.of(new QualifiedTool(skill, tool))).values().iterator().next();
    assertThat(name)
        .hasSize(64)
        .matches("^[a-zA-Z0-9_-]{1,64}$")
        .startsWith(skill + "__" + "t".repeat(13) + "_");
    assertThat(name).isEqualTo(ToolNames.hashed(skill, tool));
    // another long tool with the same first 55 characters still gets its own name
    String other =
        ToolNames.assign(List.of(new QualifiedTool(skill, tool + "x"))).values().iterator().next();
    assertThat(other).hasSize(64).isNotEqualTo(name);
  }

  @Test
  void everyToolOfACollisionGroupIsHashedWhateverTheOrder() {
    QualifiedTool dotted = new QualifiedTool("web.search", "q");
    QualifiedTool underscored = new QualifiedTool("web_search", "q");
    QualifiedTool doubled = new QualifiedTool("a__b", "c");
    QualifiedTool split = new QualifiedTool("a", "b__c");
    QualifiedTool alone = new QualifiedTool("git", "log");
    Map<QualifiedTool, String> forward =
        ToolNames.assign(List.of(dotted, underscored, doubled, split, alone));
    Map<QualifiedTool, String> backward =
        ToolNames.assign(List.of(alone, split, doubled, underscored, dotted));
    assertThat(forward).isEqualTo(backward);
    assertThat(forward.get(alone)).isEqualTo("git__log");
    assertThat(forward.get(dotted))
        .startsWith("web_search__q_")
        .hasSize("web_search__q_".length() + 8);
    assertThat(forward.get(underscored))
        .startsWith("web_search__q_")
        .isNotEqualTo(forward.get(dotted));
    assertThat(forward.get(doubled)).startsWith("a__b__c_").isNotEqualTo(forward.get(split));
    assertThat(forward.values())
        .doesNotHaveDuplicates()
        .allMatch(n -> n.matches("^[a-zA-Z0-9_-]{1,64}$"));
  }

  @Test
  void theHashIsStableAcrossRuns() {
    // pinned: a change to the rule renames tools that agents already know
    assertThat(ToolNames.hashed("web.search", "q")).isEqualTo("web_search__q_1e08c769");
  }
}
