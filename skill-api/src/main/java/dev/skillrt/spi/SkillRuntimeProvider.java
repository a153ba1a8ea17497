package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.PolicyRule;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The cheap entry point of a backend, found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.skillrt.spi.SkillRuntimeProvider}.
 *
 * <p>Needs a public no-argument constructor that does no work; the heavy part happens in {@link
 * #create}. Thread-safe.
 */
@API(status = STABLE, since = "0.1")
public interface SkillRuntimeProvider {

  /**
   * The runtime id manifests name, matching {@code [a-z][a-z0-9-]*} (e.g. {@code native}, {@code
   * docker}, {@code wasm}). Unique among the providers on the class path.
   */
  String id();

  /** One line for people: what this runtime runs and how it isolates it. */
  default String description() {
    return id();
  }

  /**
   * Checks whether the runtime can serve here. Never throws; when it cannot, says why for each way
   * it tried. May take a moment (e.g. a Docker ping); callers cache it as they see fit.
   */
  Availability probe(RuntimeConfig config);

  /**
   * Reads the settings as {@link #create} would, without creating anything: the engine calls it
   * when it is built, so that a bad or misspelt setting fails at once. Read them with {@link
   * RuntimeConfig#reader(String)} to report every bad and every unknown key. The default accepts
   * any settings.
   *
   * @throws dev.skillrt.api.ConfigurationException with every problem in the settings
   */
  default void checkConfig(RuntimeConfig config) {}

  /**
   * Creates the runtime. Called once per engine; the caller closes the result.
   *
   * @throws dev.skillrt.api.ConfigurationException when the config is wrong (every problem)
   * @throws dev.skillrt.api.RuntimeUnavailableException when the runtime cannot serve here
   */
  SkillRuntime create(RuntimeConfig config);

  /**
   * The policy rules this runtime enforces, available without creating it (so that {@code skill
   * validate} can check a manifest on a machine without, say, a Docker engine). The runtime created
   * with the same config enforces at least these.
   */
  default List<PolicyRule> policyRules(RuntimeConfig config) {
    return List.of();
  }

  /**
   * What a runtime created with this config can enforce, available without creating it (so that
   * {@code skill validate} reports what {@code skill run} would deny). Must equal the created
   * runtime's {@link SkillRuntime#capabilities()}. The default, every capability, lets validation
   * pass what the runtime may still deny; override it.
   */
  default RuntimeCapabilities capabilities(RuntimeConfig config) {
    return RuntimeCapabilities.all();
  }

  /**
   * Reads one skill's settings from a manifest, once, when the manifest loads: the skill's table
   * named after this runtime ({@code [skills.NAME.<id>]}, via {@link SettingsInput#table()}) and
   * whatever shared settings it needs. Reports every problem through the table (never throws for a
   * bad value: a throw is reported as a fault of this provider) and returns what the engine needs
   * for each call.
   *
   * <p>The default reads nothing: it reports that this runtime cannot take skills from a manifest.
   */
  default SkillSettings settings(SettingsInput input) {
    input
        .table()
        .problem(
            "skill \""
                + input.skill()
                + "\" runs on the "
                + id()
                + " runtime, whose provider ("
                + getClass().getName()
                + ") reads no manifest settings; build its requests by hand"
                + " or use a runtime that implements SkillRuntimeProvider.settings");
    return spec -> {
      throw new IllegalStateException("the " + id() + " runtime reads no manifest settings");
    };
  }

  /**
   * Reads the settings of a skill whose tools are scripts run by an interpreter (an Agent Skills
   * folder): each call's arguments are {@code INTERPRETER SCRIPT ARGS...}, the interpreter one of
   * {@code interpreters}, every argument literal. A runtime that runs a command line (a container)
   * returns settings that run the arguments as they are; one that starts one program per call makes
   * the interpreter its program. The table is the folder's override table, without the keys the
   * manifest reads itself.
   *
   * <p>The default reports that this runtime cannot run scripts.
   */
  default SkillSettings scriptSettings(SettingsInput input, List<String> interpreters) {
    input
        .table()
        .problem(
            "the "
                + id()
                + " runtime cannot run the scripts of a skill folder; route the folder to a"
                + " runtime that runs programs or command lines");
    return spec -> {
      throw new IllegalStateException("the " + id() + " runtime runs no scripts");
    };
  }
}
