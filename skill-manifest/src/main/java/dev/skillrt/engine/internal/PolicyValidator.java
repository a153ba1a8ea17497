package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Location;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.Problem;
import dev.skillrt.api.Violation;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.ValidationReport;
import dev.skillrt.manifest.InstanceDefinition;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.spi.RuntimeCapabilities;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.spi.SkillSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks a loaded manifest as far as possible without running anything: builds a request for every
 * skill, instance and tool (with sample arguments) and runs every policy rule (the engine's and the
 * runtime provider's) and the runtime's capabilities at {@link PolicyPhase#VALIDATE}, reports every
 * skill whose runtime is not installed, and warns about argv templates ({@link TemplateChecks}).
 * Needs no Docker engine.
 */
public final class PolicyValidator {

  /** From this many skills on, they are checked in parallel. */
  private static final int PARALLEL_FROM = 64;

  private final Manifest manifest;
  private final SkillRuntimeRegistry registry;
  private final Function<String, RuntimeConfig> configs;
  private final RequestFactory factory;

  public PolicyValidator(
      Manifest manifest, SkillRuntimeRegistry registry, Function<String, RuntimeConfig> configs) {
    this(manifest, registry, configs, new RequestFactory(manifest));
  }

  /** With the factory the engine builds its calls with, so that validation builds the same. */
  public PolicyValidator(
      Manifest manifest,
      SkillRuntimeRegistry registry,
      Function<String, RuntimeConfig> configs,
      RequestFactory factory) {
    this.manifest = manifest;
    this.registry = registry;
    this.configs = configs;
    this.factory = factory;
  }

  public ValidationReport validate() {
    List<SkillDefinition> skills = List.copyOf(manifest.skills().values());
    // each runtime's rules asked once, in the order of the manifest, before the skills are checked
    Map<String, RuntimeRules> byRuntime = new HashMap<>();
    for (SkillDefinition skill : skills) {
      Optional<SkillRuntimeProvider> provider = registry.find(skill.runtime());
      if (runs(skill) && skill.unavailable().isEmpty() && provider.isPresent()) {
        byRuntime.computeIfAbsent(
            skill.runtime(), id -> RuntimeRules.of(id, provider.get(), configs));
      }
    }
    // skills are checked apart from each other: many at once on the cores there are
    Stream<SkillDefinition> each =
        skills.size() >= PARALLEL_FROM ? skills.parallelStream() : skills.stream();
    List<ValidationReport> reports = each.map(skill -> check(skill, byRuntime)).toList();
    List<Problem> errors = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>(manifest.agentSkills().warnings());
    for (ValidationReport r : reports) {
      errors.addAll(r.errors());
      warnings.addAll(r.warnings());
    }
    return new ValidationReport(errors, warnings);
  }

  /** Whether anything of the skill runs: an Agent Skills folder without tools is instructions. */
  private boolean runs(SkillDefinition skill) {
    return !(manifest.agentSkills().find(skill.name()).isPresent() && skill.tools().isEmpty());
  }

  /** The problems of one skill. */
  private ValidationReport check(SkillDefinition skill, Map<String, RuntimeRules> byRuntime) {
    List<Problem> errors = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    if (!runs(skill)) {
      return new ValidationReport(errors, warnings);
    }
    if (manifest.agentSkills().find(skill.name()).isEmpty()) {
      warnings.addAll(TemplateChecks.warnings(skill));
    }
    Optional<SkillRuntimeProvider> provider = registry.find(skill.runtime());
    if (skill.unavailable().isPresent() || provider.isEmpty()) {
      errors.add(
          skill
              .location()
              .problem(
                  skill.unavailable().orElse("skill \"" + skill.name() + "\" cannot run here")));
      return new ValidationReport(errors, warnings);
    }
    RuntimeRules rules = Objects.requireNonNull(byRuntime.get(skill.runtime()));
    if (rules.failure().isPresent()) {
      errors.add(
          skill
              .location()
              .problem(
                  "the "
                      + skill.runtime()
                      + " runtime could not give its policy rules: "
                      + rules.failure().get()));
      return new ValidationReport(errors, warnings);
    }
    List<PolicyRule> runtimeRules = rules.rules();
    RuntimeCapabilities capabilities = rules.capabilities();
    boolean tableRefusesNetwork =
        skill.settings().flatMap(SkillSettings::network).map(n -> !n).orElse(false);
    if (tableRefusesNetwork) {
      skill.instances().values().stream()
          .filter(i -> i.capabilities().networkAccess().orElse(false))
          .forEach(
              i ->
                  warnings.add(
                      i.location()
                          .problem(
                              "skill \""
                                  + skill.name()
                                  + "\" instance \""
                                  + i.name()
                                  + "\" sets"
                                  + " network_access = true, but the skill's "
                                  + skill.runtime()
                                  + " table"
                                  + " keeps it off the network, so it stays off; grant it in [skills."
                                  + skill.name()
                                  + "."
                                  + skill.runtime()
                                  + "]")));
    }
    List<Optional<String>> instances = new ArrayList<>();
    if (skill.instances().isEmpty()) {
      instances.add(Optional.empty());
    } else {
      skill.instances().keySet().forEach(i -> instances.add(Optional.of(i)));
    }
    List<String> tools =
        skill.tools().isEmpty() ? List.of("TOOL") : List.copyOf(skill.tools().keySet());
    boolean reportedRouting = false;
    for (Optional<String> instance : instances) {
      for (String tool : tools) {
        ToolDefinition definition =
            skill.tools().get(tool); // none when the skill declares no tools
        Location where = definition == null ? skill.location() : definition.location();
        Location instanceWhere =
            instance
                .map(i -> skill.instances().get(i))
                .map(InstanceDefinition::location)
                .orElse(where);
        ExecuteOptions.Builder options = ExecuteOptions.builder();
        instance.ifPresent(options::instance);
        JsonNode args =
            definition == null
                ? JsonNodeFactory.instance.objectNode()
                : sampleArguments(definition);
        PreparedCall call;
        try {
          call = factory.prepare(skill.name(), tool, args, options.build());
        } catch (ConfigurationException e) {
          if (!reportedRouting) {
            for (Problem p : e.problems()) {
              errors.add(p.line() > 0 ? p : where.problem(p.message()));
            }
            reportedRouting = true;
          }
          continue;
        } catch (NotFoundException e) {
          errors.add(where.problem(e.getMessage()));
          continue;
        }
        List<Violation> violations = new ArrayList<>(capabilities.check(call.request()));
        violations.addAll(
            PolicyRules.evaluate(call.engineRules(), call.request(), PolicyPhase.VALIDATE));
        violations.addAll(PolicyRules.evaluate(runtimeRules, call.request(), PolicyPhase.VALIDATE));
        if (violations.isEmpty()) {
          continue;
        }
        String label =
            "skill "
                + Echo.quoted(skill.name())
                + instance.map(i -> " instance " + Echo.quoted(i)).orElse("")
                + (skill.tools().isEmpty() ? "" : " tool " + Echo.quoted(tool));
        for (Violation v : violations) {
          String message =
              call.request()
                  .redact(
                      label
                          + ": ["
                          + v.ruleId()
                          + "] "
                          + v.message()
                          + " (found: "
                          + v.offendingValue()
                          + ")");
          (v.isError() ? errors : warnings).add(instanceWhere.problem(message));
        }
      }
    }
    return new ValidationReport(errors, warnings);
  }

  /**
   * A runtime's rules and capabilities, asked once per validation; or why they could not be had.
   */
  private record RuntimeRules(
      List<PolicyRule> rules, RuntimeCapabilities capabilities, Optional<String> failure) {

    static RuntimeRules of(
        String id, SkillRuntimeProvider provider, Function<String, RuntimeConfig> configs) {
      try {
        RuntimeConfig config = configs.apply(id);
        return new RuntimeRules(
            provider.policyRules(config), provider.capabilities(config), Optional.empty());
      } catch (RuntimeException e) {
        // the failure is reported; the capabilities are never read then
        return new RuntimeRules(
            List.of(), RuntimeCapabilities.all(), Optional.of(String.valueOf(e.getMessage())));
      }
    }
  }

  /** Arguments a call could pass: each parameter's default, else a sample of its type. */
  static ObjectNode sampleArguments(ToolDefinition tool) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (ParameterDefinition p : tool.parameters().values()) {
      if (p.defaultValue().isPresent()) {
        continue;
      }
      if (!p.allowedValues().isEmpty()) {
        out.set(p.name(), p.allowedValues().get(0));
        continue;
      }
      switch (p.type()) {
        case STRING -> out.put(p.name(), "sample");
        case INTEGER -> out.put(p.name(), 1);
        case NUMBER -> out.put(p.name(), 1.0);
        case BOOLEAN -> out.put(p.name(), true);
        case ARRAY -> out.putArray(p.name());
        case OBJECT -> out.putObject(p.name());
      }
    }
    return out;
  }
}
