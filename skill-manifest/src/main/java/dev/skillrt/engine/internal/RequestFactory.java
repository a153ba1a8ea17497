package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.manifest.Capabilities;
import dev.skillrt.manifest.InstanceDefinition;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestMaxima;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.StdinMode;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns (skill, tool, arguments, options) into an {@link ExecutionRequest}: argv from the tool
 * template, environment (defaults, what the runtime's table sets, instance {@code env}, {@code
 * SKILL_CONFIG_*}, {@code SKILL_INSTANCE}), stdin, mounts, limits and network, and what to run from
 * the {@link SkillSettings} the runtime's provider read; and the engine's rules for the call, which
 * the engine checks itself (they are not put in the request).
 */
public final class RequestFactory {

  /** Used when neither the manifest nor the call sets a timeout, for waiting on a busy skill. */
  public static final java.time.Duration DEFAULT_WAIT = java.time.Duration.ofSeconds(30);

  private final Manifest manifest;
  private final WritableGrants writableGrants;
  // by skill name, then instance name: bounded by the manifest (unknown names fail before)
  private final Map<String, Map<String, InstancePlan>> plans = new ConcurrentHashMap<>();

  public RequestFactory(Manifest manifest) {
    this.manifest = manifest;
    this.writableGrants = writableGrants(manifest);
  }

  /**
   * The host folders a skill instance is granted: those of its runtime's table (such as Docker
   * volumes), then its allowed paths (except one naming such a folder's guest path).
   */
  private List<Mount> mounts(SkillDefinition skill, InstanceDefinition instance) {
    Capabilities caps = manifest.defaults().capabilities().overriddenBy(instance.capabilities());
    List<Mount> own = skill.settings().map(SkillSettings::mounts).orElse(List.of());
    List<Mount> mounts = new ArrayList<>(own);
    for (Mount m : caps.allowedPaths().orElse(List.of())) {
      boolean namesOwn = own.stream().anyMatch(v -> v.guestPath().equals(m.hostPath().toString()));
      if (!namesOwn && !mounts.contains(m)) {
        mounts.add(m);
      }
    }
    return mounts;
  }

  /** Every folder some skill instance of the manifest may write. */
  private WritableGrants writableGrants(Manifest manifest) {
    List<WritableGrants.Writable> out = new ArrayList<>();
    for (SkillDefinition skill : manifest.skills().values()) {
      List<InstanceDefinition> instances = new ArrayList<>(skill.instances().values());
      if (instances.isEmpty()) {
        instances.add(skill.instance(Optional.empty()));
      }
      for (InstanceDefinition instance : instances) {
        String holder =
            "skill \""
                + skill.name()
                + "\""
                + (skill.instances().isEmpty() ? "" : " (instance \"" + instance.name() + "\")");
        for (Mount m : mounts(skill, instance)) {
          if (!m.readOnly()) {
            out.add(new WritableGrants.Writable(m.hostPath(), holder));
          }
        }
      }
    }
    return new WritableGrants(out);
  }

  public PreparedCall prepare(
      String skillName, String toolName, JsonNode arguments, ExecuteOptions options) {
    SkillDefinition skill = manifest.skill(skillName);
    SkillSettings settings = skill.requireSettings();
    InstanceDefinition instance = skill.instance(options.instance());
    ObjectNode checked;
    List<String> argv;
    StdinMode stdinMode;
    Set<String> secretArgs = new LinkedHashSet<>();
    Optional<ScriptCalls.ScriptCall> script =
        manifest
            .agentSkills()
            .find(skillName)
            .map(a -> ScriptCalls.prepare(a, skill, toolName, arguments, options));
    if (script.isPresent()) {
      checked = script.get().checked();
      argv = script.get().argv();
      stdinMode = StdinMode.NONE;
    } else if (skill.tools().isEmpty()) {
      if (arguments != null && arguments.isObject() && !arguments.isEmpty()) {
        throw new ConfigurationException(
            "skill "
                + Echo.quoted(skillName)
                + " declares no tools, so its calls take positional arguments,"
                + " not named ones; pass them as positional arguments");
      }
      checked = JsonNodeFactory.instance.objectNode();
      argv = new ArrayList<>();
      argv.add(toolName);
      argv.addAll(options.positionalArguments());
      stdinMode = StdinMode.NONE;
    } else {
      ToolDefinition tool = skill.tool(toolName);
      if (!options.positionalArguments().isEmpty()) {
        throw new ConfigurationException(
            "tool "
                + Echo.quoted(skillName + "/" + toolName)
                + " takes named arguments from its parameters,"
                + " not positional ones; pass them as arguments");
      }
      checked = ArgumentChecker.check(skillName, tool, arguments);
      Set<String> restricted =
          LeadingDashRule.restricted(tool, suppliedArguments(arguments, checked), checked);
      argv =
          ArgvTemplate.render(
              tool.template(),
              checked,
              restricted,
              () -> "tool " + Echo.quoted(skillName + "/" + toolName));
      stdinMode = tool.stdin();
      for (ParameterDefinition p : tool.parameters().values()) {
        if (p.secret()) {
          secretArgs.add(p.name());
        }
      }
    }

    InstancePlan plan = plan(skill, instance);
    boolean network = plan.network();
    options
        .limits()
        .outputPerStream()
        .filter(o -> o.compareTo(ManifestMaxima.OUTPUT_PER_STREAM) > 0)
        .ifPresent(
            o -> {
              throw new ConfigurationException(
                  "the call asks for an output limit of "
                      + o
                      + ", more than the most a skill may keep of"
                      + " each output stream ("
                      + ManifestMaxima.OUTPUT_PER_STREAM
                      + "); ask for "
                      + ManifestMaxima.OUTPUT_PER_STREAM
                      + " or less");
            });
    Limits limits = skill.limits().tightenedBy(options.limits());

    RuntimeSpec spec = settings.spec(new SpecInput(argv, network));
    ExecutionRequest.Builder b = ExecutionRequest.builder(skillName, toolName, spec);
    b.environment(plan.environment());
    b.mounts(plan.mounts()).limits(limits).networkAllowed(network);
    settings.workingDirectory().ifPresent(b::workingDirectory);
    if (stdinMode == StdinMode.JSON) {
      if (options.stdin().isPresent()) {
        throw new ConfigurationException(
            "tool "
                + Echo.quoted(skillName + "/" + toolName)
                + " reads its arguments as JSON on stdin;"
                + " do not pass stdin as well");
      }
      b.stdin(checked.toString().getBytes(StandardCharsets.UTF_8));
    } else if (script.isPresent() && script.get().stdin().isPresent()) {
      b.stdin(script.get().stdin().get());
    } else {
      options.stdin().ifPresent(b::stdin);
    }
    options.outputListener().ifPresent(b::outputListener);
    options.cancellation().ifPresent(b::cancellation);
    b.overflowAction(options.overflowAction());
    // the engine's own rules: the engine checks them itself, the request never carries them
    List<PolicyRule> rules = plan.rules();
    if (script.isPresent()) {
      rules = new ArrayList<>(rules);
      rules.addAll(script.get().rules());
    }
    b.maskSecretsInOutput(skill.maskSecrets());
    Set<String> supplied = suppliedArguments(arguments, checked);
    List<KnownSecret> secrets = secrets(plan.manifestSecrets(), checked, secretArgs, supplied);
    secrets.forEach(s -> b.secretValue(s.value()));
    return new PreparedCall(
        b.build(), rules, plan.grants(), instance.name(), checked, secretArgs, supplied, secrets);
  }

  /** What every call of this instance of this skill gets; worked out on its first call. */
  private InstancePlan plan(SkillDefinition skill, InstanceDefinition instance) {
    Map<String, InstancePlan> byInstance =
        plans.computeIfAbsent(skill.name(), k -> new ConcurrentHashMap<>());
    InstancePlan known = byInstance.get(instance.name());
    if (known != null) {
      return known;
    }
    InstancePlan made = newPlan(skill, instance);
    InstancePlan raced = byInstance.putIfAbsent(instance.name(), made);
    return raced != null ? raced : made;
  }

  private InstancePlan newPlan(SkillDefinition skill, InstanceDefinition instance) {
    Capabilities caps = manifest.defaults().capabilities().overriddenBy(instance.capabilities());
    boolean network = networkAllowed(manifest, skill, instance);
    List<Mount> mounts = mounts(skill, instance);
    int maxConcurrent = caps.maxConcurrentRequests().orElse(Integer.MAX_VALUE);
    Grants grants = new Grants(network, mounts, skill.limits(), maxConcurrent);
    Map<String, String> env = new LinkedHashMap<>(manifest.defaults().env());
    env.putAll(skill.requireSettings().environment());
    env.putAll(instance.env());
    instance.config().forEach((k, v) -> env.put(InstanceDefinition.configVariable(k), v));
    env.put("SKILL_INSTANCE", instance.name());
    List<PolicyRule> rules = new ArrayList<>(GenericPolicyRules.forGrants(grants));
    rules.add(writableGrants.rule());
    return new InstancePlan(network, mounts, grants, env, rules, manifestSecrets(instance));
  }

  /** The checked arguments the caller gave (the others are defaults from the manifest). */
  private static Set<String> suppliedArguments(JsonNode given, ObjectNode checked) {
    Set<String> out = new LinkedHashSet<>();
    if (given != null && given.isObject()) {
      checked
          .fieldNames()
          .forEachRemaining(
              name -> {
                JsonNode v = given.get(name);
                if (v != null && !v.isNull()) {
                  out.add(name);
                }
              });
    }
    return out;
  }

  /** Every value marked secret for this call, with where it comes from. */
  private static List<KnownSecret> secrets(
      List<KnownSecret> manifestSecrets,
      ObjectNode args,
      Set<String> secretArgs,
      Set<String> supplied) {
    if (secretArgs.isEmpty()) {
      return manifestSecrets;
    }
    List<KnownSecret> out = new ArrayList<>(manifestSecrets);
    for (String k : secretArgs) {
      JsonNode v = args.get(k);
      if (v != null) {
        boolean fromCaller = supplied.contains(k);
        add(
            out,
            ArgvTemplate.text(v),
            (fromCaller ? "" : "the default of ") + "secret parameter " + k,
            fromCaller);
      }
    }
    return out;
  }

  /** The secret values of the manifest's defaults and of the instance. */
  private List<KnownSecret> manifestSecrets(InstanceDefinition instance) {
    List<KnownSecret> out = new ArrayList<>();
    manifest
        .defaults()
        .secretEnv()
        .forEach(k -> add(out, manifest.defaults().env().get(k), "[defaults] env " + k, false));
    String inst = "instance \"" + instance.name() + "\" ";
    instance.secretEnv().forEach(k -> add(out, instance.env().get(k), inst + "env " + k, false));
    instance
        .secretConfig()
        .forEach(k -> add(out, instance.config().get(k), inst + "config " + k, false));
    return List.copyOf(out);
  }

  private static void add(
      List<KnownSecret> out, @Nullable String value, String origin, boolean fromCaller) {
    if (value != null && !value.isEmpty()) {
      out.add(new KnownSecret(value, origin, fromCaller));
    }
  }

  /**
   * Whether a call of {@code instance} of {@code skill} may reach a network: when the skill's
   * runtime table grants or refuses one (a Docker {@code network}), that, unless the instance turns
   * it off; else the shared {@code network_access} (defaults overridden by the instance).
   */
  public static boolean networkAllowed(
      Manifest manifest, SkillDefinition skill, InstanceDefinition instance) {
    Optional<Boolean> table = skill.settings().flatMap(SkillSettings::network);
    if (table.isPresent()) {
      return table.get() && instance.capabilities().networkAccess().orElse(true);
    }
    Capabilities caps = manifest.defaults().capabilities().overriddenBy(instance.capabilities());
    return caps.networkAccess().orElse(false);
  }
}
