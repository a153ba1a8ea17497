package dev.skillrt.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillRuntimeRegistryTests {

  @Test
  void serviceLoaderDiscoveryKeepsTheGoodAndReportsTheBroken() {
    SkillRuntimeRegistry registry = SkillRuntimeRegistry.load();

    assertThat(registry.ids()).containsExactly("good");
    assertThat(registry.loadProblems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("Exploding"))
        .anySatisfy(p -> assertThat(p).contains("NoSuchProviderClass"));
  }

  @Test
  void aDuplicateIdIsAnErrorNamingBothClasses() {
    assertThatThrownBy(
            () ->
                SkillRuntimeRegistry.of(
                    List.of(new TestProviders.Good(), new TestProviders.AlsoGood())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\"good\"")
        .hasMessageContaining(TestProviders.Good.class.getName())
        .hasMessageContaining(TestProviders.AlsoGood.class.getName());
  }

  @Test
  void anInvalidIdIsRejectedNamingTheProvider() {
    assertThatThrownBy(() -> SkillRuntimeRegistry.of(List.of(new TestProviders.Named("Bad Id"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("\"Bad Id\"")
        .hasMessageContaining("[a-z][a-z0-9-]*");
  }

  @Test
  void aMissingKnownRuntimeSaysWhichModuleToAdd() {
    SkillRuntimeRegistry registry = SkillRuntimeRegistry.of(List.of(new TestProviders.Good()));
    assertThatThrownBy(() -> registry.provider("docker"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("installed: good")
        .hasMessageContaining("dev.skillrt:skill-runtime-docker");
  }

  @Test
  void aMissingUnknownRuntimeSaysHowToRegisterOne() {
    SkillRuntimeRegistry registry = SkillRuntimeRegistry.of(List.of());
    assertThatThrownBy(() -> registry.provider("gpu"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("installed: none")
        .hasMessageContaining("META-INF/services/dev.skillrt.spi.SkillRuntimeProvider");
  }

  @Test
  void anExplicitListNeedsNoServiceLoader() {
    SkillRuntimeRegistry registry =
        SkillRuntimeRegistry.of(
            List.of(new TestProviders.Named("a"), new TestProviders.Named("b-2")));
    assertThat(registry.ids()).containsExactly("a", "b-2");
    assertThat(registry.find("a")).isPresent();
    assertThat(registry.find("c")).isEmpty();
  }
}
