package dev.skillrt.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests built to exhaust memory or to block the loader end in a clear, located error, fast and
 * with bounded memory.
 */
class ManifestBoundsTests {

  @TempDir Path dir;

  static final String BIG = "b".repeat(100 * 1024);

  static List<Problem> problemsOf(String toml, Map<String, String> env) {
    try {
      ManifestLoaderTests.loader(env).parse(toml, "test.toml", Path.of("/tmp/test.toml"));
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the manifest to be rejected");
  }

  @Test
  void thirtyThousandReferencesToALargeVariableInOneValueAreRefused() {
    String toml =
        "[skills.a]\nsource = \"./a\"\ndescription = \"" + "${BIG}".repeat(30_000) + "\"\n";
    List<Problem> problems =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> problemsOf(toml, ManifestLoaderTests.env("BIG", BIG)));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.message())
                  .contains("cannot expand skills.a.description")
                  .contains("longer than " + ManifestMaxima.EXPANDED_VALUE_CHARS + " characters")
                  .contains("${BIG}")
                  .hasSizeLessThan(600);
            });
  }

  @Test
  void thirtyThousandValuesEachHoldingALargeVariableAreRefused() {
    StringBuilder toml =
        new StringBuilder("[skills.a]\nsource = \"./a\"\n[skills.a.instances.i]\n");
    for (int i = 0; i < 30_000; i++) {
      toml.append("config.k").append(i).append(" = \"${BIG}\"\n");
    }
    List<Problem> problems =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> problemsOf(toml.toString(), ManifestLoaderTests.env("BIG", BIG)));
    assertThat(problems).hasSize(ManifestMaxima.PROBLEMS_REPORTED + 1);
    assertThat(problems.get(0).line()).isGreaterThan(100);
    assertThat(problems.get(0).message())
        .contains("longer than " + ManifestMaxima.EXPANDED_MANIFEST_CHARS + " characters in all");
    assertThat(problems.get(problems.size() - 1).message())
        .matches("\\d+ more problems are not listed; .*");
  }

  @Test
  void aTenMegabyteUnknownKeyIsEchoedShortened() {
    String key = "k".repeat(10 * 1024 * 1024);
    String toml = "[skills.a]\nsource = \"./a\"\n" + key + " = 1\n";
    List<Problem> problems = problemsOf(toml, ManifestLoaderTests.env());
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.message())
                  .startsWith("unknown key \"kkkk")
                  .contains("...\" (10485760 characters) in [skills.a]")
                  .contains("expected one of: source, runtime")
                  .hasSizeLessThan(400);
            });
  }

  @Test
  void aValueFullOfNewlinesCannotForgeProblemLines() {
    String toml = "[skills.a]\nsource = \"./a\"\nruntime = \"x\\ntest.toml:1:1: all fine\"\n";
    List<Problem> problems = problemsOf(toml, ManifestLoaderTests.env());
    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).doesNotContain("\n").contains("x\\ntest.toml:1:1"));
  }

  @Test
  void anOutputLimitAboveTheMaximumIsALocatedError() {
    String toml =
        "[defaults.limits]\noutput = \"1g\"\n[skills.a]\nsource = \"./a\"\n[skills.a.limits]\noutput = 67108865\n";
    List<Problem> problems = problemsOf(toml, ManifestLoaderTests.env());
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).line()).isEqualTo(2);
    assertThat(problems.get(0).message())
        .contains("defaults.limits.output is 1g, more than")
        .contains("(64m)");
    assertThat(problems.get(1).line()).isEqualTo(6);
    assertThat(
            ManifestLoaderTests.loader(ManifestLoaderTests.env())
                .parse(
                    "[skills.a]\nsource = \"./a\"\n[skills.a.limits]\noutput = \"64m\"\n",
                    "ok.toml",
                    Path.of("/tmp/ok.toml"))
                .skill("a")
                .limits()
                .outputPerStream())
        .contains(ManifestMaxima.OUTPUT_PER_STREAM);
  }

  @Test
  void aCallAskingForAnOutputLimitAboveTheMaximumIsRefused() throws IOException {
    Path manifest =
        Files.writeString(
            dir.resolve("m.toml"),
            "[skills.a]\nsource = \"./a\"\nruntime = \"test-process\"\n[skills.a.test-process]\ncommand = \"true\"\n");
    try (SkillEngine engine =
        SkillEngine.builder().manifest(manifest).environment(ManifestLoaderTests.env()).build()) {
      ExecuteOptions huge =
          ExecuteOptions.builder()
              .limits(
                  dev.skillrt.api.Limits.builder()
                      .outputPerStream(dev.skillrt.api.DataSize.ofGibibytes(1))
                      .build())
              .build();
      assertThatThrownBy(
              () ->
                  engine.plan(
                      "a",
                      "x",
                      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                      huge))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("output limit of 1g, more than")
          .hasMessageContaining("64m");
    }
  }

  @Test
  void aDeviceIsRefusedBeforeItIsRead() {
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> ManifestLoader.defaults().load(Path.of("/dev/zero"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "/dev/zero: the manifest /dev/zero is not a regular file (a device, pipe or socket); give the path of a TOML file, such as skill-engine.toml");
  }

  @Test
  void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("skill-engine.toml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> ManifestLoader.defaults().load(fifo)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is not a regular file");
  }

  @Test
  void aFolderIsRefusedSayingSo() {
    assertThatThrownBy(() -> ManifestLoader.defaults().load(dir))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is a folder; give the path of a TOML file");
  }

  @Test
  void aFileLargerThanTheMaximumIsRefusedWithoutBeingRead() throws IOException {
    Path sparse = dir.resolve("huge.toml");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(1L << 30);
    }
    assertThatThrownBy(() -> ManifestLoader.defaults().load(sparse))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is larger than 4 MiB, the most a manifest may be");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ManifestLoader.defaults().load(dir.resolve("nope.toml")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "cannot read the manifest " + dir.resolve("nope.toml") + ": no such file");
  }
}
