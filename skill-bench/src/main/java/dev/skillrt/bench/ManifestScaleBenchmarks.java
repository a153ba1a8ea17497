package dev.skillrt.bench;

import dev.skillrt.bench.internal.BenchFiles;
import dev.skillrt.bench.internal.Engines;
import dev.skillrt.bench.internal.GeneratedManifest;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ValidationReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether loading and validating grows linearly with the number of skills: the same compact
 * catalogue ({@link GeneratedManifest#compact(int)}) of 1,000 and of 10,000 skills, the larger one
 * just under the 4 MiB a manifest may have.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2) // both sizes warm: a cold 1,000 would flatter the ratio
@Measurement(iterations = 5, time = 2)
public class ManifestScaleBenchmarks {

  @Param({"1000", "10000"})
  public int skills;

  private BenchFiles files;
  private Path manifest;

  @Setup(Level.Trial)
  public void setUp() {
    files = BenchFiles.create("manifest-scale");
    files.module("hello.wasm");
    manifest = files.write("skill-engine.toml", GeneratedManifest.compact(skills));
    int loaded = loadAndValidate();
    if (loaded != skills) {
      throw new IllegalStateException("expected " + skills + " skills, loaded " + loaded);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    files.close();
  }

  @Benchmark
  public int loadAndValidate() {
    try (SkillEngine engine = Engines.engine(manifest, Map.of())) {
      ValidationReport report = engine.validate();
      if (!report.isValid()) {
        throw new IllegalStateException(
            "the generated manifest does not validate: " + report.errors());
      }
      return engine.skills().size();
    }
  }
}
