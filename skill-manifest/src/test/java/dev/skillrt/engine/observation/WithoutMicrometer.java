package dev.skillrt.engine.observation;

import com.google.inject.Guice;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.SkillEngineModule;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs calls through the builder and the Guice module; {@link EngineWithoutMicrometerTests} loads
 * it in a class loader that has no Micrometer.
 */
public final class WithoutMicrometer {

  private WithoutMicrometer() {}

  /** The stdout of one call through the builder and one through the Guice module, joined. */
  public static String run(Path dir) throws Exception {
    Path manifest = ObservedManifest.write(dir);
    StringBuilder out = new StringBuilder();
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(manifest)
            .environment(ObservedManifest.env())
            .registry(SkillRuntimeRegistry.of(List.of(new ProcessTestRuntimeProvider())))
            .build()) {
      out.append(
          engine
              .execute("echo", "say", Map.of("text", "built"), ExecuteOptions.defaults())
              .stdout()
              .text());
    }
    SkillEngine injected =
        Guice.createInjector(new SkillEngineModule(manifest)).getInstance(SkillEngine.class);
    try (injected) {
      out.append(
          injected
              .execute("echo", "say", Map.of("text", "injected"), ExecuteOptions.defaults())
              .stdout()
              .text());
    }
    return out.toString();
  }
}
