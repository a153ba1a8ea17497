package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TreeReader.path;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.agentskills.AgentScript;
import dev.skillrt.agentskills.AgentSkill;
import dev.skillrt.agentskills.AgentSkillReader;
import dev.skillrt.agentskills.AgentSkillScan;
import dev.skillrt.agentskills.AgentSkillSet;
import dev.skillrt.agentskills.internal.Interpreters;
import dev.skillrt.agentskills.internal.ScriptSettings;
import dev.skillrt.api.Limits;
import dev.skillrt.api.Location;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.Suggestions;
import dev.skillrt.manifest.ArgvElement;
import dev.skillrt.manifest.Defaults;
import dev.skillrt.manifest.InstanceDefinition;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.ParameterType;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.StdinMode;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.spi.SettingsInput;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.spi.SkillSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code [agent_skills]} and the skill folders it (and the loader's {@code --skills-dir}
 * folders) names, and turns each folder into a {@link SkillDefinition} whose tools are its scripts,
 * on the native runtime unless {@code [agent_skills.overrides.NAME]} says otherwise.
 */
final class AgentSkillsReader {

  static final List<String> KEYS = List.of("paths", "interpreters", "overrides");

  /** Keys of an override the engine reads itself; the others are the runtime's table. */
  static final List<String> OVERRIDE_KEYS = List.of("runtime", "limits", "capabilities");

  /** Where a folder's scripts run unless its override says otherwise. */
  static final String DEFAULT_SCRIPT_RUNTIME = "native";

  /** Keys of the native table the engine sets per interpreter. */
  static final String ARGS = "args";

  static final String STDIN = "stdin";

  private static final List<String> TABLE = List.of("agent_skills");

  private final TreeReader tree;
  private final SkillPartsReader parts;
  private final SkillRuntimeRegistry registry;
  private final Path baseDirectory;
  private final ManifestReader manifestReader;
  private final AgentSkillOptions options;

  AgentSkillsReader(
      TreeReader tree,
      SkillPartsReader parts,
      SkillRuntimeRegistry registry,
      Path baseDirectory,
      ManifestReader manifestReader,
      AgentSkillOptions options) {
    this.tree = tree;
    this.parts = parts;
    this.registry = registry;
    this.baseDirectory = baseDirectory;
    this.manifestReader = manifestReader;
    this.options = options;
  }

  /** Reads the folders, adding one skill each to {@code skills}. */
  AgentSkillSet read(ObjectNode root, Defaults defaults, Map<String, SkillDefinition> skills) {
    Optional<ObjectNode> table = tree.table(root, TABLE);
    if (table.isEmpty() && options.directories().isEmpty()) {
      return AgentSkillSet.none();
    }
    ObjectNode t = table.orElse(JsonNodeFactory.instance.objectNode());
    tree.checkKeys(t, TABLE, KEYS);
    List<String> interpreters = interpreters(t);
    List<Root> roots = new ArrayList<>();
    List<String> written = tree.strings(t, TABLE, "paths").orElse(List.of());
    for (int i = 0; i < written.size(); i++) {
      List<String> at = path(TABLE, "paths", TomlPositions.element(i));
      int index = i;
      parts
          .resolveFile(written.get(i), at)
          .ifPresent(p -> roots.add(new Root(p, at, "agent_skills.paths[" + index + "]")));
    }
    for (Path d : options.directories()) {
      roots.add(new Root(baseDirectory.resolve(d).normalize(), null, "--skills-dir " + d));
    }
    Map<String, ObjectNode> overrides = tree.tables(t, path(TABLE, "overrides"));
    Map<String, AgentSkill> loaded = new LinkedHashMap<>();
    List<Problem> warnings = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (Root r : roots) {
      String origin = r.at() != null ? tree.at(r.at()).toString() : r.origin();
      AgentSkillScan.Result scan = AgentSkillScan.scan(r.folder(), origin);
      scan.errors().forEach(p -> report(r, p));
      warnings.addAll(scan.warnings());
      for (Path folder : scan.folders()) {
        AgentSkillReader.Result read = AgentSkillReader.read(folder, interpreters);
        read.errors().forEach(tree::add);
        warnings.addAll(read.warnings());
        if (read.skill().isEmpty() || !seen.add(read.skill().get().folder())) {
          continue;
        }
        AgentSkill skill = read.skill().get();
        if (clashes(skill, skills, loaded)) {
          continue;
        }
        loaded.put(skill.name(), skill);
      }
    }
    if (options.strict()) {
      warnings.forEach(tree::add);
    }
    overrides.forEach(
        (name, o) -> {
          if (!loaded.containsKey(name)) {
            tree.problem(
                path(TABLE, "overrides", name),
                "[agent_skills.overrides."
                    + Echo.of(name)
                    + "] names no loaded skill folder"
                    + Suggestions.didYouMean(name, loaded.keySet())
                    + " (loaded: "
                    + (loaded.isEmpty() ? "none" : String.join(", ", loaded.keySet()))
                    + ")");
          }
        });
    for (AgentSkill skill : loaded.values()) {
      skills.put(
          skill.name(), definition(skill, overrides.get(skill.name()), interpreters, defaults));
    }
    return new AgentSkillSet(loaded, interpreters, warnings);
  }

  private record Root(Path folder, @Nullable List<String> at, String origin) {}

  private void report(Root r, Problem p) {
    if (r.at() != null) {
      tree.problem(r.at(), p.message());
    } else {
      tree.add(p);
    }
  }

  private List<String> interpreters(ObjectNode t) {
    List<String> p = path(TABLE, "interpreters");
    List<String> written = tree.strings(t, p).orElse(Interpreters.DEFAULTS);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      String name = written.get(i);
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
        tree.problem(
            path(p, TomlPositions.element(i)),
            "interpreters names programs the native runtime finds on its own search path, such as \"python3\";"
                + " found "
                + Echo.quoted(name)
                + ": write a bare program name");
      } else {
        out.add(name);
      }
    }
    return out;
  }

  /** Whether the skill's name is already taken (reported, naming both). */
  private boolean clashes(
      AgentSkill skill, Map<String, SkillDefinition> skills, Map<String, AgentSkill> loaded) {
    String other = null;
    if (skills.containsKey(skill.name())) {
      other =
          "the manifest's [skills."
              + Echo.of(skill.name())
              + "] at "
              + skills.get(skill.name()).location();
    } else if (loaded.containsKey(skill.name())) {
      other = "the skill folder " + loaded.get(skill.name()).skillFile();
    }
    if (other == null) {
      return false;
    }
    tree.add(
        skill
            .location()
            .problem(
                "the skill name "
                    + Echo.quoted(skill.name())
                    + " of this folder is already taken by "
                    + other
                    + "; rename one of the two (a folder's name is the name: in its SKILL.md)"));
    return true;
  }

  private SkillDefinition definition(
      AgentSkill skill,
      @Nullable ObjectNode override,
      List<String> interpreters,
      Defaults defaults) {
    List<String> p = path(TABLE, "overrides", skill.name());
    ObjectNode o = override != null ? override : JsonNodeFactory.instance.objectNode();
    String runtime = tree.string(o, p, "runtime").orElse(DEFAULT_SCRIPT_RUNTIME);
    Limits own =
        tree.table(o, p, "limits")
            .map(l -> manifestReader.limits(l, path(p, "limits")))
            .orElse(Limits.none());
    Limits limits = ManifestReader.overlay(defaults.limits(), own);
    Map<String, InstanceDefinition> instances = new LinkedHashMap<>();
    tree.table(o, p, "capabilities")
        .map(c -> manifestReader.capabilities(c, path(p, "capabilities")))
        .ifPresent(
            caps ->
                instances.put(
                    "default",
                    new InstanceDefinition(
                        "default",
                        "",
                        Map.of(),
                        Map.of(),
                        Set.of(),
                        Set.of(),
                        caps,
                        tree.at(path(p, "capabilities")))));
    ObjectNode runtimeTable = o.deepCopy();
    OVERRIDE_KEYS.forEach(runtimeTable::remove);
    Optional<SkillSettings> settings = Optional.empty();
    Optional<String> unavailable = Optional.empty();
    Optional<SkillRuntimeProvider> provider = registry.find(runtime);
    if (provider.isEmpty()) {
      unavailable =
          Optional.of(
              "skill "
                  + Echo.quoted(skill.name())
                  + " runs its scripts on the "
                  + runtime
                  + " runtime, which is not"
                  + " installed (installed runtimes: "
                  + (registry.ids().isEmpty() ? "none" : String.join(", ", registry.ids()))
                  + "); add its module to the class path, or set runtime in [agent_skills.overrides."
                  + skill.name()
                  + "]");
    } else {
      settings =
          settings(provider.get(), skill, runtimeTable, p, override != null, interpreters, limits);
      if (settings.isPresent()) {
        limits = limits.tightenedBy(settings.get().limits());
      }
    }
    Map<String, ToolDefinition> tools = new LinkedHashMap<>();
    for (AgentScript script : skill.scripts()) {
      tools.put(script.tool(), tool(skill, script));
    }
    return new SkillDefinition(
        skill.name(),
        skill.folder().toString(),
        runtime,
        skill.description(),
        Optional.empty(),
        Optional.empty(),
        settings,
        unavailable,
        limits,
        tools,
        instances,
        List.of(),
        true,
        skill.location());
  }

  private Optional<SkillSettings> settings(
      SkillRuntimeProvider provider,
      AgentSkill skill,
      ObjectNode table,
      List<String> p,
      boolean written,
      List<String> interpreters,
      Limits limits) {
    Location source = skill.location();
    try {
      SkillSettings read =
          provider.scriptSettings(input(skill, table, p, written, limits, source), interpreters);
      return Optional.of(new ScriptSettings(read, skill.folder()));
    } catch (RuntimeException e) {
      tree.problem(
          p,
          "the "
              + provider.id()
              + " runtime ("
              + provider.getClass().getName()
              + ") failed to read the settings of"
              + " skill folder "
              + Echo.quoted(skill.name())
              + ": "
              + Echo.of(String.valueOf(e.getMessage()))
              + "; this is a fault of that runtime's provider, report it to its authors");
      return Optional.empty();
    }
  }

  private SettingsInput input(
      AgentSkill skill,
      ObjectNode table,
      List<String> p,
      boolean present,
      Limits limits,
      Location source) {
    TomlSettingsTable settingsTable =
        new TomlSettingsTable(tree, parts, present ? table : null, p, p);
    return new ManifestSettingsInput(
        skill.name(), skill.folder().toString(), source, settingsTable, limits, baseDirectory);
  }

  private ToolDefinition tool(AgentSkill skill, AgentScript script) {
    Location at = script.location();
    String description =
        "Runs "
            + script.relativePath()
            + " of skill "
            + skill.name()
            + script.interpreter().map(i -> " with " + i).orElse("")
            + "; args are passed to it one by one, never through a shell"
            + script.refusal().map(r -> " (refused: " + r + ")").orElse("");
    Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
    parameters.put(
        ARGS,
        new ParameterDefinition(
            ARGS,
            ParameterType.ARRAY,
            "arguments after the script, each a string passed as one argument",
            false,
            Optional.empty(),
            List.of(),
            false,
            true,
            at));
    parameters.put(
        STDIN,
        new ParameterDefinition(
            STDIN,
            ParameterType.STRING,
            "text sent to the script's standard input",
            false,
            Optional.empty(),
            List.of(),
            false,
            true,
            at));
    List<ArgvElement> template = new ArrayList<>();
    template.add(ArgvElement.of(script.interpreter().orElse("(none)"), at));
    template.add(ArgvElement.of(script.file().toString(), at));
    return new ToolDefinition(script.tool(), description, template, StdinMode.NONE, parameters, at);
  }
}
