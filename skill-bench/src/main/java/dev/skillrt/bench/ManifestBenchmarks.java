package dev.skillrt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.bench.internal.GeneratedManifest;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ValidationReport;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading and validating a generated manifest of {@value #SKILLS} skills: reading the file,
 * expanding variables, building and checking the model (every problem located), then the engine's
 * policy validation of every skill. Against reading the same file into a Jackson TOML tree, which
 * is what a program that only parses would do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
// a load runs thousands of methods once each: they take 15-20 s of calls to be compiled
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class ManifestBenchmarks {

  /** Skills in the generated manifest. */
  public static final int SKILLS = 1000;

  private static final TomlMapper TOML = new TomlMapper();

  private BenchFiles files;
  private Path manifest;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("manifest");
    files.module("hello.wasm");
    manifest = files.write("skill-engine.toml", GeneratedManifest.text(SKILLS));
    int skills = loadAndValidate();
    if (skills != SKILLS) {
      throw new IllegalStateException("expected " + SKILLS + " skills, loaded " + skills);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    files.close();
  }

  @Benchmark
  public int loadAndValidate() {
    try (SkillEngine engine = Engines.engine(manifest, java.util.Map.of())) {
      ValidationReport report = engine.validate();
      if (!report.isValid()) {
        throw new IllegalStateException(
            "the generated manifest does not validate: " + report.errors());
      }
      return engine.skills().size();
    }
  }

  @Benchmark
  public Manifest loadOnly() {
    return ManifestLoader.builder()
        .environment(Engines.environment())
        .workingDirectory(manifest.getParent())
        .build()
        .load(manifest);
  }

  @Benchmark
  public JsonNode bareTomlParse() throws IOException {
    return TOML.readTree(Files.readString(manifest));
  }
}
