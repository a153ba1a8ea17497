package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.testing.ProcessTestRuntimeProvider;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkillEngineModuleTests {

  @Test
  void guiceProvidesOneEngineThatRunsSkills() throws URISyntaxException {
    Path manifest = Path.of(getClass().getResource("/manifests/engine.toml").toURI());
    Injector injector =
        Guice.createInjector(new SkillEngineModule(Optional.of(manifest), Optional.empty()));
    SkillEngine engine = injector.getInstance(SkillEngine.class);
    try {
      assertThat(injector.getInstance(SkillEngine.class)).isSameAs(engine);
      assertThat(engine.registry().ids()).contains(ProcessTestRuntimeProvider.ID);
      ExecutionResult r =
          engine.execute("greeter", "hello", Map.of("name", "guice"), ExecuteOptions.defaults());
      assertThat(r.stdout().text()).isEqualTo("[greet]\n[--name]\n[guice]\n[--times=1]\n");
    } finally {
      engine.close();
    }
  }
}
