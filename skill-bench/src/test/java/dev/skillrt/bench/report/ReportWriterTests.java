package dev.skillrt.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTests {

  static final Machine MACHINE =
      new Machine(2, "17.0.15 (OpenJDK 64-Bit Server VM 17.0.15+6)", "Linux 6.1 amd64", 512);
  static final ZonedDateTime DATE = ZonedDateTime.of(2026, 11, 27, 1, 2, 0, 0, ZoneOffset.UTC);

  static Path sample() throws URISyntaxException {
    return Path.of(ReportWriterTests.class.getResource("/sample-jmh.json").toURI());
  }

  static ReportWriter writer(Map<String, String> skipped, Optional<String> notes)
      throws URISyntaxException {
    return new ReportWriter(JmhJson.read(sample()), MACHINE, DATE, skipped, notes, "bin/bench");
  }

  static Comparison comparison(String project, Map<String, String> params) {
    return ReportLayout.comparisons().stream()
        .filter(c -> c.project().equals(project) && c.projectParams().equals(params))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void summarisesSampleTimeHistogramsAcrossIterationsByNearestRank() throws URISyntaxException {
    JmhJson json = JmhJson.read(sample());
    // samples: 3,3,4,4,4,4,4,5,5,9 -> p25 = 4th smallest... rank ceil(2.5)=3 -> 4; p50 rank 5 -> 4;
    // p75 rank 8 -> 5
    Summary engine = json.find("NativeBenchmarks.engineTrue", Map.of()).orElseThrow().primary();
    assertThat(engine.median()).isEqualTo(4.0);
    assertThat(engine.p25()).isEqualTo(4.0);
    assertThat(engine.p75()).isEqualTo(5.0);
    assertThat(engine.samples()).isEqualTo(10);
    assertThat(engine.unit()).isEqualTo("ms/op");
    assertThat(json.jdk()).contains("17.0.15 (OpenJDK 64-Bit Server VM 17.0.15+6)");
  }

  @Test
  void summarisesIterationValuesAndSecondaryMetricsByInterpolation() throws URISyntaxException {
    JmhJson json = JmhJson.read(sample());
    BenchmarkResult memory =
        json.find("MemoryBenchmarks.engineOneGibibyte", Map.of()).orElseThrow();
    assertThat(memory.primary().median()).isEqualTo(1200.0);
    assertThat(memory.primary().p25()).isEqualTo(1150.0);
    assertThat(memory.primary().p75()).isEqualTo(1250.0);
    Summary peak = memory.metric("peak-heap").orElseThrow();
    assertThat(peak.median()).isEqualTo(11.0);
    assertThat(peak.unit()).isEqualTo("MiB");
    assertThat(
            json.find("ThroughputBenchmarks.wasmBare", Map.of("concurrency", "64"))
                .orElseThrow()
                .primary()
                .samples())
        .isEqualTo(1);
  }

  @Test
  void ratiosAreProjectOverBaselineOfTheMediansAndMissingSidesHaveNone() throws URISyntaxException {
    ReportWriter w = writer(Map.of(), Optional.empty());
    assertThat(w.ratio(comparison("NativeBenchmarks.engineTrue", Map.of()))).contains(2.0);
    assertThat(w.ratio(comparison("ThroughputBenchmarks.wasmEngine", Map.of("concurrency", "8"))))
        .contains(0.9);
    // the project side of concurrency 64 did not run
    assertThat(w.ratio(comparison("ThroughputBenchmarks.wasmEngine", Map.of("concurrency", "64"))))
        .isEmpty();
    Comparison peak =
        ReportLayout.comparisons().stream()
            .filter(c -> c.metric().equals("peak-heap"))
            .findFirst()
            .orElseThrow();
    assertThat(w.ratio(peak)).contains(11.0 / 8.0);
  }

  @Test
  void rendersATablePerAreaWithMachineDateSkippedAreasSlowRowsAndNotes() throws URISyntaxException {
    String md =
        writer(
                Map.of("docker", "no Docker engine (DOCKER_HOST is not set)"),
                Optional.of("Native calls spend time in X.\n"))
            .render();
    assertThat(md).startsWith("# Benchmarks\n");
    assertThat(md)
        .contains(
            "Measured with `bin/bench` on 2026-11-27 01:02 UTC. Machine: 2 cores, JDK 17.0.15");
    for (String area : List.of("native", "docker", "wasm", "throughput", "manifest", "memory")) {
      assertThat(md).contains("\n## " + area + "\n");
    }
    assertThat(md)
        .contains(
            "| `/bin/true`, sandbox none | SkillEngine | 4.00 ms/op | 4.00–5.00 (n=10) | bare `ProcessBuilder` start + wait | 2.00 ms/op | 1.00–2.00 (n=4) | 2.00 |");
    assertThat(md)
        .contains(
            "| hello.wasm (compiled), concurrency 8 | SkillEngine | 900 ops/s | 850–950 (n=3) |");
    assertThat(md).contains("| peak heap while printing 1 GiB | SkillEngine | 11.0 MiB |");
    assertThat(md)
        .contains("## docker\n\n")
        .contains("Not measured in this run: no Docker engine (DOCKER_HOST is not set).");
    assertThat(md).contains("| `/bin/true`, bubblewrap sandbox | SkillEngine | not run | - |");
    // 2x slower natively is listed; 0.9 of the baseline's calls/s (1.1x slower) and 1.2x time are
    // not
    assertThat(md)
        .contains(
            "## Slower than the baseline by more than 1.5x\n\n- native, `/bin/true`, sandbox none: 2.0x slower than bare `ProcessBuilder` start + wait (ratio 2.00).\n");
    assertThat(md).doesNotContain("concurrency 8: ").doesNotContain("time to print 1 GiB: ");
    assertThat(md).endsWith("## Where the time goes\n\nNative calls spend time in X.\n");
  }

  @Test
  void writesTheFileFromTheCommandLine(@TempDir Path dir) throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.md"), "Where it goes.");
    Path out = dir.resolve("BENCHMARKS.md");
    ReportWriter.main(
        new String[] {
          sample().toString(),
          out.toString(),
          "--notes",
          notes.toString(),
          "--skip",
          "docker=no engine"
        });
    assertThat(Files.readString(out))
        .contains("Not measured in this run: no engine.")
        .contains("Where it goes.");
  }

  @Test
  void rejectsAFileThatIsNotJmhOutput(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"benchmark\": 1}");
    assertThatThrownBy(() -> JmhJson.read(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON array");
  }
}
