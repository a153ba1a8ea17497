package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.internal.RuntimeIdValidator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime providers available to an engine, by id.
 *
 * <p>{@link #load()} finds them with {@link ServiceLoader}; {@link #of(List)} takes an explicit
 * list (no class path scanning). Ids are validated; two providers with one id are an error naming
 * both classes; a provider that fails to load is reported ({@link #loadProblems()}) and skipped, so
 * one broken jar does not take the others down. Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class SkillRuntimeRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(SkillRuntimeRegistry.class);

  private static final Map<String, String> KNOWN_MODULES =
      Map.of(
          "native", "dev.skillrt:skill-runtime-native",
          "docker", "dev.skillrt:skill-runtime-docker",
          "wasm", "dev.skillrt:skill-runtime-wasm");

  private final Map<String, SkillRuntimeProvider> providers;
  private final List<String> loadProblems;

  private SkillRuntimeRegistry(Map<String, SkillRuntimeProvider> providers, List<String> problems) {
    this.providers = providers;
    this.loadProblems = List.copyOf(problems);
  }

  /** Providers found by {@link ServiceLoader} with the thread's context class loader. */
  public static SkillRuntimeRegistry load() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return load(cl != null ? cl : SkillRuntimeRegistry.class.getClassLoader());
  }

  /**
   * Providers found by {@link ServiceLoader} in a class loader.
   *
   * @throws ConfigurationException when an id is invalid or two providers share one
   */
  public static SkillRuntimeRegistry load(ClassLoader classLoader) {
    List<SkillRuntimeProvider> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<SkillRuntimeProvider> it =
        ServiceLoader.load(SkillRuntimeProvider.class, classLoader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        String problem = "a runtime provider could not be loaded and is skipped: " + e;
        LOG.warn(problem);
        problems.add(problem);
      }
    }
    return build(found, problems);
  }

  /**
   * An explicit list of providers.
   *
   * @throws ConfigurationException when an id is invalid or two providers share one
   */
  public static SkillRuntimeRegistry of(List<? extends SkillRuntimeProvider> providers) {
    return build(providers, List.of());
  }

  private static SkillRuntimeRegistry build(
      List<? extends SkillRuntimeProvider> list, List<String> problems) {
    Map<String, SkillRuntimeProvider> byId = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>(problems);
    for (SkillRuntimeProvider p : list) {
      String id;
      try {
        id = p.id();
      } catch (RuntimeException e) {
        String problem = "runtime provider " + p.getClass().getName() + " failed in id(): " + e;
        LOG.warn(problem);
        skipped.add(problem);
        continue;
      }
      RuntimeIdValidator.validate(id, p.getClass());
      SkillRuntimeProvider previous = byId.putIfAbsent(id, p);
      if (previous != null) {
        throw new ConfigurationException(
            "two runtime providers claim the id \""
                + id
                + "\": "
                + previous.getClass().getName()
                + " and "
                + p.getClass().getName()
                + "; remove one of them from the class path");
      }
    }
    return new SkillRuntimeRegistry(java.util.Collections.unmodifiableMap(byId), skipped);
  }

  /** The ids, in discovery order. */
  public List<String> ids() {
    return List.copyOf(providers.keySet());
  }

  public List<SkillRuntimeProvider> providers() {
    return List.copyOf(providers.values());
  }

  public Optional<SkillRuntimeProvider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  /**
   * The provider with this id.
   *
   * @throws NotFoundException saying which ids exist and which module provides the missing one
   */
  public SkillRuntimeProvider provider(String id) {
    SkillRuntimeProvider p = providers.get(id);
    if (p != null) {
      return p;
    }
    String installed = providers.isEmpty() ? "none" : String.join(", ", providers.keySet());
    String module = KNOWN_MODULES.get(id);
    String hint =
        module != null
            ? "add the module " + module + " to the class path"
            : "add a module that registers a provider with id \""
                + id
                + "\" in META-INF/services/"
                + SkillRuntimeProvider.class.getName();
    return throwNotFound(id, installed, hint);
  }

  private SkillRuntimeProvider throwNotFound(String id, String installed, String hint) {
    throw new NotFoundException(
        NotFoundException.Kind.RUNTIME,
        id,
        ids(),
        "no runtime "
            + dev.skillrt.api.internal.Echo.quoted(id)
            + " is installed (installed: "
            + installed
            + "); "
            + hint);
  }

  /** Providers that were found but could not be loaded, and why. */
  public List<String> loadProblems() {
    return loadProblems;
  }

  @Override
  public String toString() {
    return "SkillRuntimeRegistry" + providers.keySet();
  }
}
