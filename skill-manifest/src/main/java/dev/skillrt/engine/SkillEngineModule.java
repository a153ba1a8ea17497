package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Binds a singleton {@link SkillEngine} (and the {@link SkillRuntimeRegistry} it uses) for Guice
 * users. Guice is an optional dependency: only this class touches it; everyone else uses {@link
 * SkillEngine#builder()}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new SkillEngineModule(Path.of("skill-engine.toml")));
 * SkillEngine engine = injector.getInstance(SkillEngine.class);
 * }</pre>
 *
 * <p>When the injector has a binding for Micrometer's {@code ObservationRegistry}, the engine
 * reports its calls there ({@link SkillEngine.Builder#observationRegistry}); Micrometer is
 * optional, and without it nothing of it is loaded.
 *
 * <p>The engine is not closed by Guice; close it when the application stops.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SkillEngineModule extends AbstractModule {

  private final Optional<Path> manifest;
  private final Optional<Path> auditFile;
  private final Map<String, RuntimeConfig> runtimeConfigs = new LinkedHashMap<>();

  /** A module whose manifest is discovered ({@code SKILL_MANIFEST} or a file upward). */
  public SkillEngineModule() {
    this(Optional.empty(), Optional.empty());
  }

  public SkillEngineModule(Path manifest) {
    this(Optional.of(manifest), Optional.empty());
  }

  public SkillEngineModule(Optional<Path> manifest, Optional<Path> auditFile) {
    this.manifest = manifest;
    this.auditFile = auditFile;
  }

  /**
   * Settings for one runtime (default: system properties {@code skillrt.<id>.*}); checked when the
   * engine is provided, every bad or unknown key reported.
   */
  public SkillEngineModule runtimeConfig(String runtimeId, RuntimeConfig config) {
    runtimeConfigs.put(runtimeId, config);
    return this;
  }

  @Provides
  @Singleton
  SkillRuntimeRegistry registry() {
    return SkillRuntimeRegistry.load();
  }

  @Provides
  @Singleton
  SkillEngine engine(SkillRuntimeRegistry registry, Injector injector) {
    SkillEngine.Builder b = SkillEngine.builder().registry(registry);
    if (BoundObservationRegistry.available()) {
      BoundObservationRegistry.apply(injector, b);
    }
    manifest.ifPresent(b::manifest);
    auditFile.ifPresent(b::auditFile);
    runtimeConfigs.forEach(b::runtimeConfig);
    return b.build();
  }
}
