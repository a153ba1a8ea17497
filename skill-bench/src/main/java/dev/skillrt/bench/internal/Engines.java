package dev.skillrt.bench.internal;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.spi.RuntimeConfig;
import java.nio.file.Path;
import java.util.Map;

/** Builds the engines the benchmarks call and checks that every call really succeeded. */
public final class Engines {

  private Engines() {}

  /** The environment manifests expand from: only PATH, so the host's variables stay out. */
  public static Map<String, String> environment() {
    return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
  }

  /** An engine over a manifest file, with settings for some runtimes ({@code id -> key/value}). */
  public static SkillEngine engine(
      Path manifest, Map<String, Map<String, String>> runtimeSettings) {
    SkillEngine.Builder b =
        SkillEngine.builder()
            .manifest(manifest)
            .environment(environment())
            .workingDirectory(manifest.getParent());
    runtimeSettings.forEach((id, settings) -> b.runtimeConfig(id, RuntimeConfig.of(settings)));
    return b.build();
  }

  /** Runs a tool without arguments and fails loudly unless it succeeded. */
  public static ExecutionResult call(SkillEngine engine, String skill, String tool) {
    return expectSuccess(engine.execute(skill, tool, Map.of(), ExecuteOptions.defaults()), skill);
  }

  /** Fails loudly unless the call succeeded, so no benchmark ever measures a failure. */
  public static ExecutionResult expectSuccess(ExecutionResult result, String what) {
    if (result.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException(
          what
              + " did not succeed: "
              + result.status()
              + " exit "
              + result.exitCode()
              + " "
              + result.message()
              + " stderr: "
              + result.stderr().text());
    }
    return result;
  }
}
