package dev.skillrt.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Spring Boot auto-configuration, in real application contexts. */
class SkillAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SkillEngineAutoConfiguration.class, SkillToolsAutoConfiguration.class));

  private final String demo = "skillrt.manifest=" + Examples.demo();

  @Test
  void aManifestGivesAnEngineAndAToolCallbackProviderOverIt() {
    runner
        .withPropertyValues(demo)
        .run(
            context -> {
              assertThat(context)
                  .hasSingleBean(SkillEngine.class)
                  .hasSingleBean(ToolCallbackProvider.class);
              SkillEngine engine = context.getBean(SkillEngine.class);
              assertThat(engine.skills()).containsExactly("hello", "text", "clock", "box");
              ToolCallbackProvider tools = context.getBean(ToolCallbackProvider.class);
              assertThat(
                      Arrays.stream(tools.getToolCallbacks())
                          .map(c -> c.getToolDefinition().name()))
                  .contains("hello__greet", "text__words", "box__whoami");
              assertThat(tools.getToolCallbacks()[0].call("{\"name\":\"Boot\"}"))
                  .isEqualTo("Hello, Boot!\n");
            });
  }

  @Test
  void skillsPicksTheToolsOffered() {
    runner
        .withPropertyValues(demo, "skillrt.skills=clock,hello")
        .run(
            context -> {
              ToolCallbackProvider tools = context.getBean(ToolCallbackProvider.class);
              assertThat(
                      Arrays.stream(tools.getToolCallbacks())
                          .map(c -> c.getToolDefinition().name()))
                  .containsExactly("hello__greet", "hello__shout", "hello__stats", "clock__now");
            });
  }

  @Test
  void theApplicationsObservationRegistrySeesEveryToolCall() {
    runner
        .withPropertyValues(demo)
        .withUserConfiguration(Observed.class)
        .run(
            context -> {
              ToolCallbackProvider tools = context.getBean(ToolCallbackProvider.class);
              assertThat(tools.getToolCallbacks()[0].call("{\"name\":\"Boot\"}"))
                  .isEqualTo("Hello, Boot!\n");
              assertThat(context.getBean(Observed.class).seen)
                  .contains("skillrt.execute execute_tool hello__greet");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Observed {
    final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Bean
    io.micrometer.observation.ObservationRegistry observationRegistry() {
      io.micrometer.observation.ObservationRegistry registry =
          io.micrometer.observation.ObservationRegistry.create();
      registry
          .observationConfig()
          .observationHandler(
              new io.micrometer.observation.ObservationHandler<
                  io.micrometer.observation.Observation.Context>() {
                @Override
                public void onStop(io.micrometer.observation.Observation.Context c) {
                  seen.add(c.getName() + " " + c.getContextualName());
                }

                @Override
                public boolean supportsContext(io.micrometer.observation.Observation.Context c) {
                  return true;
                }
              });
      return registry;
    }
  }

  @Test
  void withoutAManifestNothingIsConfigured() {
    runner.run(
        context ->
            assertThat(context)
                .doesNotHaveBean(SkillEngine.class)
                .doesNotHaveBean(ToolCallbackProvider.class));
  }

  @Test
  void theEngineIsClosedWithTheContext() {
    AtomicReference<SkillEngine> engine = new AtomicReference<>();
    runner.withPropertyValues(demo).run(context -> engine.set(context.getBean(SkillEngine.class)));
    assertThatThrownBy(
            () ->
                Objects.requireNonNull(engine.get())
                    .execute("hello", "greet", Map.of(), ExecuteOptions.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anEngineOfTheApplicationsOwnWinsAndGetsTheTools() {
    runner
        .withPropertyValues(demo)
        .withUserConfiguration(OwnEngine.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SkillEngine.class);
              assertThat(context.getBean(SkillEngine.class))
                  .isSameAs(context.getBean(OwnEngine.class).engine);
              assertThat(
                      Arrays.stream(context.getBean(ToolCallbackProvider.class).getToolCallbacks())
                          .map(c -> c.getToolDefinition().name()))
                  .containsExactly("escape__shell", "lost__list", "leak__env");
            });
  }

  @Test
  void aProviderOfTheApplicationsOwnWins() {
    runner
        .withPropertyValues(demo)
        .withUserConfiguration(OwnProvider.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SkillToolCallbackProvider.class);
              assertThat(context.getBean(ToolCallbackProvider.class).getToolCallbacks())
                  .extracting(c -> c.getToolDefinition().name())
                  .containsExactly("clock__now");
            });
  }

  @Test
  void aManifestThatCannotBeReadStopsTheContextSayingWhy() {
    Path missing = Examples.demo().resolveSibling("no-such-manifest.toml");
    runner
        .withPropertyValues("skillrt.manifest=" + missing)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("no-such-manifest.toml");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnEngine {
    final SkillEngine engine = SkillEngine.builder().manifest(Examples.outcomes()).build();

    @Bean(destroyMethod = "close")
    SkillEngine myEngine() {
      return engine;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnProvider {
    @Bean
    SkillToolCallbackProvider myTools(SkillEngine engine) {
      return SkillToolCallbackProvider.builder(engine).skills("clock").build();
    }
  }
}
