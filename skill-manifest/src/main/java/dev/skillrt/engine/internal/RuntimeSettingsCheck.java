package dev.skillrt.engine.internal;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.Suggestions;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the runtime settings when an engine is built, so that a misspelt or bad setting fails at
 * once (every problem on its own) rather than at the first call: the settings of every runtime a
 * skill routes to, and settings given for a runtime that is not installed.
 */
public final class RuntimeSettingsCheck {

  private RuntimeSettingsCheck() {}

  /**
   * @param used the runtime ids the manifest's skills route to
   * @param given the settings given to the builder, by runtime id
   * @param config the settings the engine will hand to each runtime
   * @throws ConfigurationException with every problem found
   */
  public static void check(
      SkillRuntimeRegistry registry,
      Collection<String> used,
      Map<String, RuntimeConfig> given,
      Function<String, RuntimeConfig> config) {
    List<Problem> problems = new ArrayList<>();
    for (String id : given.keySet()) {
      if (registry.find(id).isEmpty()) {
        problems.add(
            Problem.of(
                "runtime settings were given for "
                    + Echo.quoted(id)
                    + ", which is not installed"
                    + Suggestions.didYouMean(id, registry.ids())
                    + " (installed runtimes: "
                    + String.join(", ", registry.ids())
                    + ")"));
      }
    }
    Set<String> ids = new LinkedHashSet<>(used);
    ids.addAll(given.keySet());
    for (String id : ids) {
      Optional<SkillRuntimeProvider> provider = registry.find(id);
      if (provider.isEmpty()) {
        continue;
      }
      try {
        provider.get().checkConfig(config.apply(id));
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException e) {
        problems.add(
            Problem.of(
                "the "
                    + id
                    + " runtime's provider ("
                    + provider.get().getClass().getName()
                    + ") failed while checking its settings: "
                    + e));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }
}
