package dev.skillrt.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code skillrt.*} settings of the Spring Boot auto-configuration.
 *
 * <ul>
 *   <li>{@code skillrt.manifest}: the manifest file; with it the application gets a {@link
 *       dev.skillrt.engine.SkillEngine} bean;
 *   <li>{@code skillrt.skills}: the skills whose tools the {@link SkillToolCallbackProvider} bean
 *       offers (default: every skill).
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@ConfigurationProperties(prefix = "skillrt")
public class SkillrtProperties {

  private @Nullable Path manifest;
  private List<String> skills = new ArrayList<>();

  public @Nullable Path getManifest() {
    return manifest;
  }

  public void setManifest(@Nullable Path manifest) {
    this.manifest = manifest;
  }

  public List<String> getSkills() {
    return skills;
  }

  public void setSkills(List<String> skills) {
    this.skills = new ArrayList<>(skills);
  }
}
