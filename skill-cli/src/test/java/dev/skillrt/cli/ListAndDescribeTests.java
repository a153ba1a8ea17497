package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListAndDescribeTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String demo = Cli.examples().resolve("skills.toml").toString();

  @Test
  void listPrintsEverySkillWithRuntimeAndTools() {
    Outcome r = Cli.run("--manifest", demo, "list");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().toList())
        .first()
        .asString()
        .startsWith("SKILL")
        .contains("KIND", "RUNTIME", "TOOLS", "DESCRIPTION");
    assertThat(r.out()).containsPattern("(?m)^hello +manifest +wasm +greet, shout, stats +Greets");
    assertThat(r.out()).containsPattern("(?m)^text +manifest +native +lines, words, bytes ");
    assertThat(r.out()).containsPattern("(?m)^clock +manifest +native +now ");
    assertThat(r.out()).containsPattern("(?m)^box +manifest +docker +echo, whoami ");
  }

  @Test
  void listJsonIsAnArrayOfSkills() throws Exception {
    Outcome r = Cli.run("--manifest", demo, "list", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode skills = JSON.readTree(r.out());
    assertThat(skills.isArray()).isTrue();
    assertThat(skills.findValuesAsText("name")).containsExactly("hello", "text", "clock", "box");
    assertThat(skills.get(0).get("runtime").asText()).isEqualTo("wasm");
    assertThat(skills.get(0).get("tools").toString()).isEqualTo("[\"greet\",\"shout\",\"stats\"]");
  }

  @Test
  void describeShowsRuntimeLimitsAndParameters() {
    Outcome r = Cli.run("--manifest", demo, "describe", "hello");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("hello: Greets")
        .contains("runtime:   wasm")
        .contains("limits:    timeout 5s, memory 16m, output 64k")
        .contains("greet: Print a greeting")
        .contains("--arg name=STRING  (default world)  Who to greet")
        .contains(
            "stats: Count the characters, words and lines of a text; prints JSON (arguments as JSON on stdin)")
        .contains("--arg text=STRING  (required)");
  }

  @Test
  void describeJsonGivesParametersAsJsonSchema() throws Exception {
    Outcome r = Cli.run("--manifest", demo, "describe", "hello", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode skill = JSON.readTree(r.out());
    assertThat(skill.get("runtime").asText()).isEqualTo("wasm");
    assertThat(skill.get("limits").toString())
        .isEqualTo("{\"timeout\":\"5s\",\"memory\":\"16m\",\"output\":\"64k\"}");
    JsonNode stats = skill.get("tools").get(2);
    assertThat(stats.get("name").asText()).isEqualTo("stats");
    assertThat(stats.get("stdin").asText()).isEqualTo("json");
    JsonNode schema = stats.get("parameters");
    assertThat(schema.get("type").asText()).isEqualTo("object");
    assertThat(schema.at("/properties/text/type").asText()).isEqualTo("string");
    assertThat(schema.get("required").toString()).isEqualTo("[\"text\"]");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
  }

  @Test
  void describeUnknownSkillIsAUsageErrorListingTheSkills() {
    Outcome r = Cli.run("--manifest", demo, "describe", "helo");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("helo").contains("hello").doesNotContain("\tat ");
  }

  @Test
  void manifestComesFromSkillManifestVariableOrTheUpwardSearch() throws Exception {
    Map<String, String> env = Cli.environment();
    env.put("SKILL_MANIFEST", demo);
    Outcome fromVariable = Cli.run(env, Path.of("/"), "", "list");
    assertThat(fromVariable.code()).as(fromVariable.toString()).isZero();
    assertThat(fromVariable.out()).contains("hello");

    Path project = java.nio.file.Files.createTempDirectory("skill-cli-search");
    Path deep = java.nio.file.Files.createDirectories(project.resolve("a/b"));
    java.nio.file.Files.writeString(
        project.resolve(".skill-engine.toml"),
        "[skills.echo]\nsource = \"./echo\"\nruntime = \"native\"\ndescription = \"found upward\"\n"
            + "[skills.echo.native]\ncommand = \"echo\"\nsandbox = \"none\"\n");
    Outcome searched = Cli.run(Cli.environment(), deep, "", "list");
    assertThat(searched.code()).as(searched.toString()).isZero();
    assertThat(searched.out()).contains("found upward");

    Outcome none = Cli.run(Cli.environment(), Path.of("/"), "", "list");
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("no manifest found").contains("SKILL_MANIFEST");
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    Outcome r = Cli.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("list", "describe", "run", "validate", "--manifest", "--verbose");
    assertThat(r.out())
        .contains("Exit codes:")
        .contains("124")
        .contains("125")
        .contains("126")
        .contains("137");
    Outcome run = Cli.run("run", "--help");
    assertThat(run.out())
        .contains(
            "--arg=KEY=VALUE", "--args-json", "--stdin", "--timeout", "--json", "Exit codes:");
  }

  @Test
  void noCommandOrUnknownCommandIsAUsageError() {
    Outcome none = Cli.run();
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("list, describe, run, validate or serve");
    Outcome unknown = Cli.run("lsit");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("lsit").contains("list").contains("--help");
  }
}
