package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.skillrt.cli.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code skill validate} against the upstream manifests in {@code ../shared/compat}: a runtime
 * manifest whose skills all say what to run (docker ones included, without their images) is valid;
 * the others fail naming each skill that cannot run, with its line; tool catalogues fail with
 * located messages.
 */
class UpstreamManifestsValidateTests {

  private static final Pattern UNSET =
      Pattern.compile("environment variable ([A-Za-z_][A-Za-z0-9_]*) is not set");
  private static final String CATALOGUE = "crates__skill-cli__tests__fixtures__manifests__";

  static Path folder() {
    Path dir =
        Path.of(
                System.getProperty(
                    "skillrt.compat.manifests", "../../shared/compat/upstream-manifests"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(dir)) {
      System.err.println(
          "\n*** SKIPPED: skill validate against the upstream manifests: no folder "
              + dir
              + " (CI has it beside the clone at ../shared/compat) ***\n");
    }
    assumeTrue(Files.isDirectory(dir), "upstream manifests folder " + dir + " is absent");
    return dir;
  }

  private static List<Path> files(boolean catalogues) throws IOException {
    try (Stream<Path> s = Files.list(folder())) {
      return s.filter(p -> p.getFileName().toString().startsWith(CATALOGUE) == catalogues)
          .sorted()
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> runtimeManifests() throws IOException {
    List<Path> files = files(false);
    assertThat(files).hasSizeGreaterThanOrEqualTo(19);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> validate(f)));
  }

  private void validate(Path file) throws IOException {
    Map<String, String> env = Cli.environment();
    Outcome first = Cli.run(env, Path.of("/"), "", "--manifest", file.toString(), "validate");
    // only unset variables may stop the first pass; give them values and validate again
    Matcher m = UNSET.matcher(first.err());
    while (m.find()) {
      env.put(m.group(1), "/compat/" + m.group(1).toLowerCase());
    }
    Outcome r = Cli.run(env, Path.of("/"), "", "--manifest", file.toString(), "validate");
    assertThat(r.err()).as("%s", file).doesNotContain("is not set").doesNotContain("\tat ");

    JsonNode skills = new TomlMapper().readTree(Files.readString(file)).path("skills");
    List<String> unsupported = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = skills.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!saysWhatToRun(e.getValue())) {
        unsupported.add(e.getKey());
      }
    }
    if (unsupported.isEmpty()) {
      assertThat(r.code()).as("%s is fully supported, so it must validate: %s", file, r).isZero();
      assertThat(r.out()).contains(": valid: " + skills.size() + " skill");
      return;
    }
    assertThat(r.code())
        .as("%s has skills that name nothing to run: %s", file, r)
        .isEqualTo(ExitCodes.USAGE);
    List<String> lines = Files.readAllLines(file);
    for (String skill : unsupported) {
      int line = lineStarting(lines, "[skills." + skill + "]");
      assertThat(r.err())
          .as("%s: skill %s", file, skill)
          .contains(file + ":" + line + ":1: error: skill \"" + skill + "\" runs on the");
    }
    for (String errorLine : r.err().lines().filter(l -> l.contains(": error: ")).toList()) {
      assertThat(errorLine)
          .as("located")
          .startsWith(file + ":")
          .matches("^\\S+:\\d+:\\d+: error: .*");
    }
  }

  /** Whether a raw skill table names something its runtime can run. */
  private static boolean saysWhatToRun(JsonNode skill) {
    String runtime = skill.path("runtime").asText("wasm");
    String source = skill.path("source").asText("");
    return switch (runtime) {
      case "docker" ->
          skill.path("docker").has("image")
              || (source.startsWith("docker:") && source.length() > 7);
      case "native" -> skill.path("native").has("command");
      default -> source.endsWith(".wasm") || skill.path("wasm").has("module");
    };
  }

  @TestFactory
  Stream<DynamicTest> toolCataloguesAreRejectedWithLocatedMessages() throws IOException {
    List<Path> files = files(true);
    assertThat(files).hasSize(6);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> reject(f)));
  }

  private void reject(Path file) throws IOException {
    Outcome r =
        Cli.run(Cli.environment(), Path.of("/"), "", "--manifest", file.toString(), "validate");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    List<String> lines = Files.readAllLines(file);
    if (file.getFileName().toString().endsWith("invalid-syntax.toml")) {
      assertThat(r.err())
          .containsPattern(Pattern.quote(file.toString()) + ":\\d+:\\d+: error: TOML syntax error");
    } else {
      int line = lineStarting(lines, "[[skill]]");
      assertThat(r.err())
          .contains(file + ":" + line + ":1: error: ")
          .contains(
              "tool catalogue ([[skill]] tables), not a runtime manifest ([skills.NAME] tables)");
    }
  }

  private static int lineStarting(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starts with " + text);
  }
}
