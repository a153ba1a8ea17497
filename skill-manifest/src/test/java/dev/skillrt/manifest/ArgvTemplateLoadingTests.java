package dev.skillrt.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Location;
import dev.skillrt.api.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code args} holds strings and groups (nested arrays of strings), each located. */
class ArgvTemplateLoadingTests {

  @TempDir Path dir;

  @Test
  void stringsAndGroupsAreReadInOrder() {
    String toml =
        """
        [skills.git]
        source = "./git"
        [skills.git.tools.push]
        args = ["push", "--dry-run", ["--repo", "{{remote}}"], "{{branch}}"]
        [skills.git.tools.push.parameters.remote]
        [skills.git.tools.push.parameters.branch]
        """;
    ToolDefinition push =
        ManifestLoaderTests.loader(ManifestLoaderTests.env())
            .parse(toml, "test.toml", dir.resolve("test.toml"))
            .skill("git")
            .tool("push");
    assertThat(push.template())
        .extracting(ArgvElement::parts, ArgvElement::group)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(List.of("push"), false),
            org.assertj.core.groups.Tuple.tuple(List.of("--dry-run"), false),
            org.assertj.core.groups.Tuple.tuple(List.of("--repo", "{{remote}}"), true),
            org.assertj.core.groups.Tuple.tuple(List.of("{{branch}}"), false));
    assertThat(push.args())
        .containsExactly("push", "--dry-run", "--repo", "{{remote}}", "{{branch}}");
    assertThat(push.template().get(2).location()).isEqualTo(new Location("test.toml", 4, 30));
  }

  @Test
  void badGroupsAreLocatedErrors() {
    String toml =
        """
        [skills.git]
        source = "./git"
        [skills.git.tools.a]
        args = ["x", []]
        [skills.git.tools.b]
        args = [["--x", ["nested"]]]
        [skills.git.tools.c]
        args = [1]
        [skills.git.tools.d]
        args = [["--x", "{{nope}}"]]
        """;
    List<Problem> problems = ManifestLoaderTests.problemsOf(toml, ManifestLoaderTests.env(), dir);
    assertThat(problems)
        .extracting(Problem::toString)
        .containsExactly(
            "test.toml:4:14: skills.git.tools.a.args[1] is an empty group, which adds nothing; remove it",
            "test.toml:6:17: skills.git.tools.b.args[0][1] must be a string (groups do not nest), found an array",
            "test.toml:8:9: skills.git.tools.c.args[0] must be a string or a group of strings (a nested array, such as [\"--out\", \"{{out}}\"]), found an integer",
            "test.toml:10:17: the template names {{nope}}, which is not a parameter of tool \"d\"; declare [skills.git.tools.d.parameters.nope]");
  }
}
