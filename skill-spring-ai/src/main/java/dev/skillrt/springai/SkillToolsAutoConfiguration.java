package dev.skillrt.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.engine.SkillEngine;
import org.apiguardian.api.API;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With a {@link SkillEngine} bean (the auto-configured one or the application's own), a {@link
 * SkillToolCallbackProvider} bean over it, offering the tools of {@code skillrt.skills} (default:
 * every skill). Backs off when the application defines its own {@link SkillToolCallbackProvider};
 * other {@code ToolCallbackProvider} beans (MCP clients, say) do not count.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@AutoConfiguration(after = SkillEngineAutoConfiguration.class)
@ConditionalOnBean(SkillEngine.class)
@EnableConfigurationProperties(SkillrtProperties.class)
public class SkillToolsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public SkillToolCallbackProvider skillToolCallbackProvider(
      SkillEngine engine, SkillrtProperties properties) {
    SkillToolCallbackProvider.Builder b = SkillToolCallbackProvider.builder(engine);
    if (!properties.getSkills().isEmpty()) {
      b.skills(properties.getSkills());
    }
    return b.build();
  }
}
