package dev.skillrt.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.RecordingRuntimeProvider;
import dev.skillrt.testing.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command templates of the upstream tool catalogues ({@code kubectl apply -f {{file}}}, {@code
 * ping -c {{count}} {{host}}}, ...) written as {@code args}: called with only their required
 * parameters, every literal the author wrote stays, in order; a call is refused only where {@code
 * validate} warned about that tool. Checked as the catalogues declare the parameters and with every
 * parameter optional and without a default (the worst case).
 */
class UpstreamTemplatePatternsTests {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");

  @TempDir Path dir;

  /** One catalogue tool: its command split at spaces, and its parameters. */
  record CatalogueTool(String name, List<String> tokens, List<JsonNode> parameters) {}

  @TestFactory
  Stream<DynamicTest> catalogueTemplatesKeepEveryLiteralOrAreWarnedAbout() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : UpstreamCompatibilityTests.files(true)) {
      List<CatalogueTool> tools = tools(file);
      if (tools.isEmpty()) {
        continue;
      }
      for (boolean worstCase : new boolean[] {false, true}) {
        tests.add(
            DynamicTest.dynamicTest(
                file.getFileName() + (worstCase ? ", every parameter optional" : ", as declared"),
                () -> check(tools, worstCase)));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
    return tests.stream();
  }

  private static List<CatalogueTool> tools(Path file) throws IOException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      return List.of(); // the fixture with a syntax error
    }
    List<CatalogueTool> out = new ArrayList<>();
    for (JsonNode skill : root.path("skill")) {
      for (JsonNode tool : skill.path("tool")) {
        if (tool.path("command").isTextual() && tool.path("name").isTextual()) {
          List<JsonNode> params = new ArrayList<>();
          tool.path("parameter")
              .forEach(
                  p -> {
                    if (p.path("name").isTextual()) {
                      params.add(p);
                    }
                  });
          String name = skill.path("name").asText("s") + "-" + tool.get("name").asText();
          out.add(
              new CatalogueTool(
                  name.replaceAll("[^A-Za-z0-9_-]", "_"),
                  List.of(tool.get("command").asText().split(" +")),
                  params));
        }
      }
    }
    return out;
  }

  private static boolean hasFlagBeforeValue(CatalogueTool t) {
    for (int i = 1; i < t.tokens().size(); i++) {
      String flag = t.tokens().get(i - 1);
      boolean literalFlag =
          flag.startsWith("-")
              && flag.length() > 1
              && !flag.equals("--")
              && !flag.contains("=")
              && !flag.contains("{{");
      String value = t.tokens().get(i);
      if (literalFlag && !value.startsWith("-") && PLACEHOLDER.matcher(value).find()) {
        return true;
      }
    }
    return false;
  }

  private void check(List<CatalogueTool> tools, boolean worstCase) throws IOException {
    StringBuilder toml =
        new StringBuilder(
            "[skills.cat]\nsource = \"./cat\"\nruntime = \"native\"\n[skills.cat.native]\ncommand = \"echo\"\n");
    for (CatalogueTool t : tools) {
      toml.append("[skills.cat.tools.")
          .append(t.name())
          .append("]\nargs = ")
          .append(JSON.writeValueAsString(t.tokens()))
          .append('\n');
      Set<String> undeclared = new LinkedHashSet<>();
      for (String token : t.tokens()) {
        Matcher m = PLACEHOLDER.matcher(token);
        while (m.find()) {
          undeclared.add(m.group(1));
        }
      }
      for (JsonNode p : t.parameters()) {
        undeclared.remove(p.get("name").asText());
      }
      for (String name : undeclared) {
        toml.append("[skills.cat.tools.")
            .append(t.name())
            .append(".parameters.")
            .append(name)
            .append("]\n");
      }
      for (JsonNode p : t.parameters()) {
        toml.append("[skills.cat.tools.")
            .append(t.name())
            .append(".parameters.")
            .append(JSON.writeValueAsString(p.get("name").asText()))
            .append("]\n");
        if (!worstCase && p.path("required").asBoolean(false)) {
          toml.append("required = true\n");
        }
        if (!worstCase && p.has("default")) {
          toml.append("default = ")
              .append(JSON.writeValueAsString(p.get("default").asText()))
              .append('\n');
        }
      }
    }
    Path manifest = Files.writeString(dir.resolve("catalogue.toml"), toml.toString());
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(manifest)
            .environment(UpstreamCompatibilityTests.baseEnv())
            .registry(SkillRuntimeRegistry.of(List.of(new RecordingRuntimeProvider("native"))))
            .build()) {
      List<Problem> warnings = engine.validate().throwIfInvalid().warnings();
      int refused = 0;
      for (CatalogueTool t : tools) {
        ObjectNode args = JSON.createObjectNode();
        for (JsonNode p : t.parameters()) {
          if (!worstCase && p.path("required").asBoolean(false)) {
            args.put(p.get("name").asText(), "v");
          }
        }
        boolean warned =
            warnings.stream()
                .anyMatch(
                    w -> w.message().startsWith("skill \"cat\" tool \"" + t.name() + "\": args["));
        try {
          List<String> argv =
              engine
                  .plan("cat", t.name(), args, ExecuteOptions.defaults())
                  .spec(TableSpec.class)
                  .arguments();
          List<String> literals = t.tokens().stream().filter(s -> !s.contains("{{")).toList();
          assertThat(argv)
              .as("%s keeps every literal, in order", t.tokens())
              .containsSubsequence(literals);
        } catch (ConfigurationException e) {
          refused++;
          assertThat(warned)
              .as("%s was refused (%s), so validate must have warned", t.tokens(), e.getMessage())
              .isTrue();
          assertThat(e.getMessage()).contains("must be given");
        }
      }
      if (worstCase) {
        long flagBeforeValue =
            tools.stream().filter(UpstreamTemplatePatternsTests::hasFlagBeforeValue).count();
        assertThat(refused)
            .as("every template with a flag right before a value (ping -c, kubectl apply -f)")
            .isEqualTo(flagBeforeValue);
      }
    }
  }
}
