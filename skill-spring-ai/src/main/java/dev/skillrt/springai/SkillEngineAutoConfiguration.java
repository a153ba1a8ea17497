package dev.skillrt.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.engine.SkillEngine;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With {@code skillrt.manifest=PATH}, a {@link SkillEngine} bean over that manifest, closed with
 * the context (so are the runtimes it started). Backs off when the application defines its own
 * {@link SkillEngine} bean. A manifest with errors stops the context with every problem listed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@AutoConfiguration
@ConditionalOnProperty(prefix = "skillrt", name = "manifest")
@EnableConfigurationProperties(SkillrtProperties.class)
public class SkillEngineAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SkillEngine skillEngine(SkillrtProperties properties) {
    Path manifest = Objects.requireNonNull(properties.getManifest(), "skillrt.manifest");
    return SkillEngine.builder().manifest(manifest).build();
  }
}
