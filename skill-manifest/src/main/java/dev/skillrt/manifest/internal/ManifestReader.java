package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TreeReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.agentskills.AgentSkillSet;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Durations;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Mount;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.EnvironmentNames;
import dev.skillrt.api.internal.RuntimeIdValidator;
import dev.skillrt.api.internal.Suggestions;
import dev.skillrt.manifest.Capabilities;
import dev.skillrt.manifest.Defaults;
import dev.skillrt.manifest.InstanceDefinition;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestMaxima;
import dev.skillrt.manifest.ServiceDefinition;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.spi.SkillSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds the {@link Manifest} model from a parsed TOML tree, collecting every problem. */
public final class ManifestReader {

  private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

  static final List<String> TOP_KEYS = List.of("version", "defaults", "skills", "agent_skills");
  static final List<String> DEFAULTS_KEYS = List.of("env", "capabilities", "limits", "secrets");

  /** The keys every skill may write; besides these, a table named after an installed runtime. */
  static final List<String> SKILL_KEYS =
      List.of(
          "source",
          "runtime",
          "description",
          "ref",
          "default_instance",
          "limits",
          "tools",
          "instances",
          "services",
          "mask_secrets");

  /**
   * The runtime of a skill that names none and writes no installed runtime's table (upstream's
   * default).
   */
  static final String DEFAULT_RUNTIME = "wasm";

  static final List<String> INSTANCE_KEYS =
      List.of("description", "config", "env", "capabilities", "secrets");
  static final List<String> CAPABILITY_KEYS =
      List.of("network_access", "allowed_paths", "max_concurrent_requests");
  static final List<String> LIMIT_KEYS = List.of("timeout", "memory", "cpus", "pids", "output");

  private final TreeReader tree;
  private final Path baseDirectory;
  private final SkillRuntimeRegistry registry;
  private final SkillPartsReader parts;
  private final ToolReader tools;
  private final AgentSkillOptions agentSkillOptions;

  public ManifestReader(TreeReader tree, Path baseDirectory, SkillRuntimeRegistry registry) {
    this(tree, baseDirectory, registry, AgentSkillOptions.none());
  }

  public ManifestReader(
      TreeReader tree,
      Path baseDirectory,
      SkillRuntimeRegistry registry,
      AgentSkillOptions agentSkillOptions) {
    this.agentSkillOptions = agentSkillOptions;
    this.tree = tree;
    this.baseDirectory = baseDirectory;
    this.registry = registry;
    this.parts = new SkillPartsReader(tree, baseDirectory);
    this.tools = new ToolReader(tree, parts);
  }

  /**
   * The model, or empty when a problem makes the file unusable; see {@link TreeReader#problems}.
   */
  public Optional<Manifest> read(Path source, ObjectNode root) {
    if (root.has("skill") && root.get("skill").isArray()) {
      tree.problem(
          List.of("skill"),
          "this looks like a tool catalogue ([[skill]] tables), not a runtime manifest"
              + " ([skills.NAME] tables); write each skill as [skills.NAME] with source and"
              + " runtime (see docs/manifest.md)");
      return Optional.empty();
    }
    tree.checkKeys(root, List.of(), TOP_KEYS);
    String version = tree.string(root, List.of("version")).orElse("");
    Defaults defaults =
        tree.table(root, List.of("defaults")).map(this::defaults).orElse(Defaults.none());
    Map<String, SkillDefinition> skills = new LinkedHashMap<>();
    Iterator<Map.Entry<String, ObjectNode>> nodes =
        tree.tables(root, List.of("skills")).entrySet().iterator();
    while (nodes.hasNext()) {
      Map.Entry<String, ObjectNode> e = nodes.next();
      skills.put(e.getKey(), skill(e.getKey(), e.getValue(), defaults));
      // nothing reads a skill's table or its key positions again: a large manifest need not keep
      // every table it has read until its end, which each collection would have to copy again
      nodes.remove();
      ((ObjectNode) root.path("skills")).remove(e.getKey());
      tree.release(List.of("skills", e.getKey()));
    }
    AgentSkillSet agentSkills =
        new AgentSkillsReader(tree, parts, registry, baseDirectory, this, agentSkillOptions)
            .read(root, defaults, skills);
    return Optional.of(new Manifest(source, version, defaults, skills, agentSkills));
  }

  private Defaults defaults(ObjectNode node) {
    List<String> p = List.of("defaults");
    tree.checkKeys(node, p, DEFAULTS_KEYS);
    TreeReader.SecretAwareMap env = tree.stringMap(node, path(p, "env"));
    checkVariableNames(env.values().keySet(), path(p, "env"));
    Set<String> secretEnv = new LinkedHashSet<>(env.secrets());
    secretNames(node, path(p, "secrets"), env.values().keySet(), Set.of()).forEach(secretEnv::add);
    Capabilities caps =
        tree.table(node, p, "capabilities")
            .map(c -> capabilities(c, path(p, "capabilities")))
            .orElse(Capabilities.none());
    Limits limits =
        tree.table(node, p, "limits").map(l -> limits(l, path(p, "limits"))).orElse(Limits.none());
    return new Defaults(env.values(), secretEnv, caps, overlay(Defaults.BUILT_IN_LIMITS, limits));
  }

  private SkillDefinition skill(String name, ObjectNode node, Defaults defaults) {
    List<String> p = List.of("skills", name);
    String source =
        tree.requiredString(
            node, path(p, "source"), "every skill names its source, e.g. source = \"./my-skill\"");
    String runtime = tree.string(node, p, "runtime").orElseGet(() -> inferredRuntime(node));
    List<String> allowed = new ArrayList<>(SKILL_KEYS);
    allowed.addAll(registry.ids());
    if (!allowed.contains(runtime)) {
      allowed.add(runtime);
    }
    tree.checkKeys(node, p, allowed);
    boolean validId = checkRuntime(runtime, path(p, "runtime"));
    String description = tree.string(node, p, "description").orElse("");
    Optional<String> ref = tree.string(node, p, "ref");
    Optional<String> defaultInstance = tree.string(node, p, "default_instance");
    for (String other : registry.ids()) {
      if (!other.equals(runtime) && node.has(other)) {
        tree.problem(
            path(p, other),
            "["
                + TreeReader.dotted(path(p, other))
                + "] applies to the "
                + other
                + " runtime, but this skill's runtime is "
                + Echo.quoted(runtime)
                + "; set runtime = \""
                + other
                + "\" or remove the table");
      }
    }

    Limits own =
        tree.table(node, p, "limits").map(l -> limits(l, path(p, "limits"))).orElse(Limits.none());
    Limits limits = overlay(defaults.limits(), own);
    Optional<SkillSettings> settings = Optional.empty();
    Optional<String> unavailable = Optional.empty();
    Optional<SkillRuntimeProvider> provider = registry.find(runtime);
    if (provider.isPresent()) {
      settings = runtimeSettings(provider.get(), name, node, p, source, limits);
      if (settings.isPresent()) {
        limits = limits.tightenedBy(settings.get().limits());
      }
    } else if (validId) {
      unavailable = Optional.of(missingRuntime(name, runtime));
    }

    Map<String, ToolDefinition> tools = new LinkedHashMap<>();
    tree.tables(node, path(p, "tools"))
        .forEach((tool, t) -> tools.put(tool, this.tools.tool(tool, t, path(p, "tools", tool))));

    Map<String, InstanceDefinition> instances = new LinkedHashMap<>();
    tree.tables(node, path(p, "instances"))
        .forEach((inst, i) -> instances.put(inst, instance(inst, i, path(p, "instances", inst))));
    defaultInstance.ifPresent(
        d -> {
          if (!instances.containsKey(d)) {
            tree.problem(
                path(p, "default_instance"),
                "default_instance names an unknown instance "
                    + Echo.quoted(d)
                    + Suggestions.didYouMean(d, instances.keySet())
                    + " (instances of skill \""
                    + name
                    + "\": "
                    + (instances.isEmpty() ? "none" : String.join(", ", instances.keySet()))
                    + ")");
          }
        });
    List<ServiceDefinition> services = new ServicesReader(tree).services(node, path(p, "services"));
    boolean maskSecrets = tree.bool(node, p, "mask_secrets").orElse(true);
    return new SkillDefinition(
        name,
        source,
        runtime,
        description,
        ref,
        defaultInstance,
        settings,
        unavailable,
        limits,
        tools,
        instances,
        services,
        maskSecrets,
        tree.at(p));
  }

  /**
   * Without {@code runtime}: the one installed runtime whose table the skill writes, else the
   * default.
   */
  private String inferredRuntime(ObjectNode node) {
    List<String> written = registry.ids().stream().filter(id -> node.path(id).isObject()).toList();
    return written.size() == 1 ? written.get(0) : DEFAULT_RUNTIME;
  }

  /**
   * The provider's reading of the skill's table; a provider that throws is reported, not passed on.
   */
  private Optional<SkillSettings> runtimeSettings(
      SkillRuntimeProvider provider,
      String name,
      ObjectNode node,
      List<String> p,
      String source,
      Limits limits) {
    String runtime = provider.id();
    List<String> tp = path(p, runtime);
    Optional<ObjectNode> table = tree.table(node, tp);
    if (node.has(runtime) && table.isEmpty()) {
      return Optional.empty();
    }
    TomlSettingsTable settingsTable = new TomlSettingsTable(tree, parts, table.orElse(null), tp, p);
    SettingsInput input =
        new ManifestSettingsInput(
            name, source, tree.at(path(p, "source")), settingsTable, limits, baseDirectory);
    try {
      return Optional.of(provider.settings(input));
    } catch (RuntimeException e) {
      tree.problem(
          table.isPresent() ? tp : p,
          "the "
              + runtime
              + " runtime ("
              + provider.getClass().getName()
              + ") failed to read ["
              + TreeReader.dotted(tp)
              + "]: "
              + Echo.of(String.valueOf(e.getMessage()))
              + "; this is a fault of that runtime's provider, report it to its authors");
      return Optional.empty();
    }
  }

  private String missingRuntime(String skill, String runtime) {
    List<String> ids = registry.ids();
    return "skill "
        + Echo.quoted(skill)
        + " runs on the runtime "
        + Echo.quoted(runtime)
        + ", which is not installed"
        + Suggestions.didYouMean(runtime, ids)
        + " (installed runtimes: "
        + (ids.isEmpty() ? "none" : String.join(", ", ids))
        + "); add the module that provides it to the class path, or route the skill to an installed runtime";
  }

  /** Whether the id is well-formed; a malformed one is a problem. */
  private boolean checkRuntime(String runtime, List<String> p) {
    if (!RuntimeIdValidator.isValid(runtime)) {
      tree.problem(
          p, "runtime " + Echo.quoted(runtime) + " is not a valid runtime id ([a-z][a-z0-9-]*)");
      return false;
    }
    return true;
  }

  private InstanceDefinition instance(String name, ObjectNode node, List<String> p) {
    String description = tree.string(node, p, "description").orElse("");
    TreeReader.SecretAwareMap config = tree.stringMap(node, path(p, "config"));
    Map<String, String> configValues = new LinkedHashMap<>(config.values());
    // Keys written straight in the instance table (upstream tolerates them) are shorthand for
    // config keys; a key that looks like a misspelt known key is an error instead.
    node.properties()
        .forEach(
            e -> {
              String key = e.getKey();
              if (INSTANCE_KEYS.contains(key)) {
                return;
              }
              JsonNode v = e.getValue();
              boolean scalar = v.isTextual() || v.isNumber() || v.isBoolean();
              if (!scalar || Suggestions.closest(key, INSTANCE_KEYS).isPresent()) {
                tree.unknownKey(p, key, INSTANCE_KEYS);
              } else if (configValues.containsKey(key)) {
                tree.problem(
                    path(p, key),
                    Echo.quoted(key)
                        + " is set both here and as config."
                        + Echo.of(key)
                        + "; keep one");
              } else {
                tree.scalar(node, path(p, key), "a string")
                    .ifPresent(s -> configValues.put(key, s));
              }
            });
    TreeReader.SecretAwareMap env = tree.stringMap(node, path(p, "env"));
    checkVariableNames(env.values().keySet(), path(p, "env"));
    Map<String, String> variables = new LinkedHashMap<>();
    for (String key : configValues.keySet()) {
      boolean inConfig = node.path("config").has(key);
      if (!CONFIG_KEY.matcher(key).matches()) {
        tree.problem(
            inConfig ? path(p, "config", key) : path(p, key),
            "config key "
                + Echo.quoted(key)
                + " cannot become an environment variable; use letters, digits, _, - and .");
        continue;
      }
      String variable = InstanceDefinition.configVariable(key);
      String previous = variables.putIfAbsent(variable, key);
      if (previous != null) {
        tree.problem(
            inConfig ? path(p, "config", key) : path(p, key),
            "config keys "
                + Echo.quoted(previous)
                + " and "
                + Echo.quoted(key)
                + " both become "
                + Echo.of(variable)
                + "; rename one");
      }
    }
    Set<String> secretConfig = new LinkedHashSet<>(config.secrets());
    Set<String> secretEnv = new LinkedHashSet<>(env.secrets());
    for (String s :
        secretNames(node, path(p, "secrets"), configValues.keySet(), env.values().keySet())) {
      if (configValues.containsKey(s)) {
        secretConfig.add(s);
      }
      if (env.values().containsKey(s)) {
        secretEnv.add(s);
      }
    }
    Capabilities caps =
        tree.table(node, p, "capabilities")
            .map(c -> capabilities(c, path(p, "capabilities")))
            .orElse(Capabilities.none());
    return new InstanceDefinition(
        name, description, configValues, env.values(), secretConfig, secretEnv, caps, tree.at(p));
  }

  private void checkVariableNames(Set<String> names, List<String> p) {
    for (String name : names) {
      if (!EnvironmentNames.isValid(name)) {
        tree.problem(
            path(p, name),
            Echo.quoted(name)
                + " is not a valid environment variable name; use letters, digits and _, not starting with a digit");
      }
    }
  }

  /** {@code secrets = [...]}: each name must be a config key or env name of the same table. */
  private List<String> secretNames(
      ObjectNode node, List<String> p, Set<String> config, Set<String> env) {
    List<String> names = tree.strings(node, p).orElse(List.of());
    for (int i = 0; i < names.size(); i++) {
      String s = names.get(i);
      if (!config.contains(s) && !env.contains(s)) {
        Set<String> known = new LinkedHashSet<>(config);
        known.addAll(env);
        tree.problem(
            path(p, TomlPositions.element(i)),
            "secrets names "
                + Echo.quoted(s)
                + ", which is neither a config key nor an env name here"
                + Suggestions.didYouMean(s, known));
      }
    }
    return names;
  }

  Capabilities capabilities(ObjectNode node, List<String> p) {
    tree.checkKeys(node, p, CAPABILITY_KEYS);
    Optional<Boolean> network = tree.bool(node, p, "network_access");
    Optional<List<Mount>> paths =
        tree.strings(node, p, "allowed_paths")
            .map(
                list -> {
                  List<Mount> mounts = new ArrayList<>();
                  for (int i = 0; i < list.size(); i++) {
                    parts
                        .mount(
                            list.get(i), path(p, "allowed_paths", TomlPositions.element(i)), true)
                        .ifPresent(mounts::add);
                  }
                  return mounts;
                });
    OptionalInt max = tree.integer(node, p, "max_concurrent_requests", 1, 100_000);
    return new Capabilities(network, paths, max);
  }

  Limits limits(ObjectNode node, List<String> p) {
    tree.checkKeys(node, p, LIMIT_KEYS);
    Limits.Builder b = Limits.builder();
    quantity(
        node, path(p, "timeout"), "a duration such as \"30s\"", v -> b.timeout(Durations.parse(v)));
    quantity(node, path(p, "memory"), "a size such as \"256m\"", v -> b.memory(DataSize.parse(v)));
    quantity(
        node, path(p, "cpus"), "a positive number such as 1.5", v -> b.cpus(Double.parseDouble(v)));
    tree.integer(node, p, "pids", 1, 1_000_000).ifPresent(b::processes);
    quantity(
        node,
        path(p, "output"),
        "a size such as \"1m\"",
        v -> b.outputPerStream(DataSize.parse(v)));
    Limits limits = b.build();
    limits
        .outputPerStream()
        .filter(o -> o.compareTo(ManifestMaxima.OUTPUT_PER_STREAM) > 0)
        .ifPresent(
            o ->
                tree.problem(
                    path(p, "output"),
                    TreeReader.dotted(path(p, "output"))
                        + " is "
                        + o
                        + ", more than the most a skill may keep of"
                        + " each output stream ("
                        + ManifestMaxima.OUTPUT_PER_STREAM
                        + "); set it to "
                        + ManifestMaxima.OUTPUT_PER_STREAM
                        + " or less, and let the skill write larger"
                        + " results to a granted folder"));
    return limits;
  }

  /** A string or number limit, parsed; a parse failure is a located problem. */
  void quantity(
      ObjectNode node, List<String> p, String expected, java.util.function.Consumer<String> apply) {
    tree.scalar(node, p, expected)
        .ifPresent(
            v -> {
              if (node.get(p.get(p.size() - 1)).isBoolean()) {
                tree.problem(
                    p, TreeReader.dotted(p) + " must be " + expected + ", found a boolean");
                return;
              }
              try {
                apply.accept(v.trim());
              } catch (RuntimeException e) {
                tree.problem(
                    p, TreeReader.dotted(p) + " must be " + expected + ", found " + Echo.quoted(v));
              }
            });
  }

  static Limits overlay(Limits base, Limits over) {
    Limits.Builder b = base.toBuilder();
    over.timeout().ifPresent(b::timeout);
    over.memory().ifPresent(b::memory);
    over.cpus().ifPresent(b::cpus);
    over.cpuTime().ifPresent(b::cpuTime);
    over.processes().ifPresent(b::processes);
    over.outputPerStream().ifPresent(b::outputPerStream);
    return b.build();
  }
}
