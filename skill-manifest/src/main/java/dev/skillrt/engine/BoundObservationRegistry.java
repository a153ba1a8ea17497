package dev.skillrt.engine;

import com.google.inject.Binding;
import com.google.inject.Injector;
import io.micrometer.observation.ObservationRegistry;

/**
 * Gives the engine the {@link ObservationRegistry} an application bound in its injector. Loaded by
 * {@link SkillEngineModule} only when Micrometer Observation is on the class path.
 */
final class BoundObservationRegistry {

  private static final String CLASS_NAME = "io.micrometer.observation.ObservationRegistry";

  private BoundObservationRegistry() {}

  /** Whether Micrometer Observation is on the class path (without loading it otherwise). */
  static boolean available() {
    try {
      Class.forName(CLASS_NAME, false, SkillEngineModule.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Sets the registry bound in {@code injector}, if one is. */
  static void apply(Injector injector, SkillEngine.Builder builder) {
    Binding<ObservationRegistry> bound =
        injector.getExistingBinding(com.google.inject.Key.get(ObservationRegistry.class));
    if (bound != null) {
      builder.observationRegistry(bound.getProvider().get());
    }
  }
}
