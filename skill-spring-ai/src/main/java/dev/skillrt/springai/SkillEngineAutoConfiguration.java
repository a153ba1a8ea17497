package dev.skillrt.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.engine.SkillEngine;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code skillrt.manifest=PATH}, a {@link SkillEngine} bean over that manifest, closed with
 * the context (so are the runtimes it started). Backs off when the application defines its own
 * {@link SkillEngine} bean. A manifest with errors stops the context with every problem listed.
 * When the context has an {@link ObservationRegistry}, every call is observed in it ({@code
 * skillrt.execute}, see docs/observability.md).
 */
@API(status = EXPERIMENTAL, since = "0.1")
@AutoConfiguration
@ConditionalOnProperty(prefix = "skillrt", name = "manifest")
@EnableConfigurationProperties(SkillrtProperties.class)
public class SkillEngineAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SkillEngine skillEngine(
      SkillrtProperties properties, ObjectProvider<ObservationRegistry> observations) {
    Path manifest = Objects.requireNonNull(properties.getManifest(), "skillrt.manifest");
    SkillEngine.Builder builder = SkillEngine.builder().manifest(manifest);
    // the application's registry (Spring Boot's actuator defines one) sees every tool call
    observations.ifAvailable(builder::observationRegistry);
    return builder.build();
  }
}
