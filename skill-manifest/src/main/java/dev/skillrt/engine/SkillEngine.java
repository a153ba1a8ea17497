package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.agentskills.AgentSkills;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRules;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.api.SkillException;
import dev.skillrt.api.Violation;
import dev.skillrt.engine.internal.AuditLog;
import dev.skillrt.engine.internal.ConcurrencyGate;
import dev.skillrt.engine.internal.JsonSchemas;
import dev.skillrt.engine.internal.PolicyValidator;
import dev.skillrt.engine.internal.PreparedCall;
import dev.skillrt.engine.internal.RequestFactory;
import dev.skillrt.engine.internal.RuntimeCreations;
import dev.skillrt.engine.internal.RuntimeSettingsCheck;
import dev.skillrt.engine.internal.ScriptCalls;
import dev.skillrt.engine.internal.observation.CallObservation;
import dev.skillrt.engine.internal.observation.CallObserver;
import dev.skillrt.engine.internal.observation.MicrometerCallObserver;
import dev.skillrt.manifest.InstanceDefinition;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.spi.SkillRuntimeProvider;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs skill tools as a manifest describes them: checks the arguments, builds the request (argv
 * from the tool's template, environment, stdin, mounts, limits), checks its own policy rules (once;
 * a denial never reaches a runtime) and hands the request to the runtime the skill names, created
 * lazily through its provider, which checks its own rules. Writes one audit event per execution.
 *
 * <p>Thread-safe: one engine serves many concurrent calls. Close it to close the runtimes it
 * created.
 *
 * <pre>{@code
 * try (SkillEngine engine = SkillEngine.builder().manifest(Path.of("skill-engine.toml")).build()) {
 *   ExecutionResult r = engine.execute("git", "log", Map.of("n", 5), ExecuteOptions.defaults());
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SkillEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SkillEngine.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long, by default, a failed runtime creation is remembered, in seconds. */
  public static final int DEFAULT_REMEMBER_RUNTIME_FAILURE_SECONDS = 5;

  private static final Duration DEFAULT_REMEMBER_RUNTIME_FAILURE =
      Duration.ofSeconds(DEFAULT_REMEMBER_RUNTIME_FAILURE_SECONDS);

  private final Manifest manifest;
  private final SkillRuntimeRegistry registry;
  private final Map<String, RuntimeConfig> runtimeConfigs;
  private final RequestFactory requests;
  private final ConcurrencyGate gate = new ConcurrencyGate();
  private final AuditLog audit;
  private final RuntimeCreations runtimes;
  private final CallObserver observer;
  private final Map<ToolNames.QualifiedTool, String> toolNames;
  private final AgentSkills agentSkills;
  private final Map<String, RuntimeConfig> configs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SkillEngine(Manifest manifest, SkillRuntimeRegistry registry, Builder b) {
    this.manifest = manifest;
    this.registry = registry;
    this.runtimeConfigs = Map.copyOf(b.runtimeConfigs);
    this.requests = new RequestFactory(manifest);
    this.audit = new AuditLog(Optional.ofNullable(b.auditFile));
    this.runtimes = new RuntimeCreations(b.rememberRuntimeFailureFor);
    this.observer = b.observer;
    this.toolNames = b.observer == CallObserver.NONE ? Map.of() : ToolNames.of(manifest);
    this.agentSkills = new AgentSkills(manifest.agentSkills());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The manifest this engine runs. */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * Whether some instance of a skill may reach a network, decided as for its calls (for hints to a
   * model, such as MCP's {@code openWorldHint}).
   *
   * @throws dev.skillrt.api.NotFoundException for a skill the manifest lacks
   */
  public boolean mayReachNetwork(String skillName) {
    SkillDefinition skill = skill(skillName);
    List<InstanceDefinition> instances = new ArrayList<>(skill.instances().values());
    if (instances.isEmpty()) {
      instances.add(skill.instance(Optional.empty()));
    }
    return instances.stream().anyMatch(i -> RequestFactory.networkAllowed(manifest, skill, i));
  }

  /**
   * The Agent Skills folders of the manifest, for progressive disclosure: the catalogue, a skill's
   * instructions, its files. Their scripts run through {@link #execute} like any tool.
   */
  public AgentSkills agentSkills() {
    return agentSkills;
  }

  public SkillRuntimeRegistry registry() {
    return registry;
  }

  /** Skill names, in manifest order. */
  public List<String> skills() {
    return List.copyOf(manifest.skills().keySet());
  }

  /**
   * @throws dev.skillrt.api.NotFoundException listing the skills
   */
  public SkillDefinition skill(String name) {
    return manifest.skill(name);
  }

  /** A skill's tools, in manifest order. */
  public List<ToolDefinition> tools(String skill) {
    return List.copyOf(manifest.skill(skill).tools().values());
  }

  /** A tool's parameters as a JSON Schema object. */
  public ObjectNode parametersSchema(String skill, String tool) {
    ObjectNode schema = JsonSchemas.forTool(manifest.skill(skill).tool(tool));
    if (agentSkills.contains(skill)) {
      ScriptCalls.describeArguments(schema);
    }
    return schema;
  }

  /** The runtime id a skill routes to. */
  public String runtimeOf(String skill) {
    return manifest.skill(skill).runtime();
  }

  /** The skill's limits (defaults, its own table and what its runtime's table sets). */
  public Limits limitsOf(String skill) {
    return manifest.skill(skill).limits();
  }

  /** The skill's instances, in manifest order. */
  public List<InstanceDefinition> instancesOf(String skill) {
    return List.copyOf(manifest.skill(skill).instances().values());
  }

  /**
   * The request a call would run, without running it (arguments checked, policy rules attached).
   *
   * @throws dev.skillrt.api.ConfigurationException for bad arguments or a skill that cannot run
   * @throws dev.skillrt.api.NotFoundException for an unknown skill, tool, instance or runtime
   */
  public ExecutionRequest plan(
      String skill, String tool, JsonNode arguments, ExecuteOptions options) {
    return prepare(skill, tool, arguments, options).request();
  }

  /** {@link #execute(String, String, JsonNode, ExecuteOptions)} with arguments as a map. */
  public ExecutionResult execute(
      String skill, String tool, Map<String, ?> arguments, ExecuteOptions options) {
    JsonNode tree =
        arguments != null && arguments.isEmpty()
            ? JSON.createObjectNode()
            : JSON.valueToTree(arguments);
    return execute(skill, tool, tree, options);
  }

  /**
   * Runs one tool call and waits for it to end.
   *
   * @param arguments a JSON object of the tool's parameters (empty for skills without tools)
   * @return how it ended; a skill's own failure, a timeout or a denial is a result
   * @throws dev.skillrt.api.ConfigurationException for arguments that do not fit the tool
   * @throws dev.skillrt.api.NotFoundException for an unknown skill, tool, instance or runtime
   * @throws PolicyViolationException when denied and {@link ExecuteOptions#throwOnDenial()}
   */
  public ExecutionResult execute(
      String skill, String tool, JsonNode arguments, ExecuteOptions options) {
    if (closed) {
      throw new IllegalStateException("the skill engine is closed; build a new one");
    }
    String runtimeId = manifest.skill(skill).runtime();
    CallObservation observation =
        observer.start(skill, tool, toolName(skill, tool), runtimeId, options.toolCallId());
    try {
      return run(skill, tool, arguments, options, runtimeId, observation);
    } catch (RuntimeException e) {
      observation.failed(e);
      throw e;
    } finally {
      observation.close();
    }
  }

  private ExecutionResult run(
      String skill,
      String tool,
      JsonNode arguments,
      ExecuteOptions options,
      String runtimeId,
      CallObservation observation) {
    PreparedCall call = prepare(skill, tool, arguments, options);
    SkillRuntimeProvider provider = registry.provider(runtimeId);
    List<Violation> refused =
        PolicyRules.errors(
            PolicyRules.evaluate(call.engineRules(), call.request(), PolicyPhase.EXECUTE));
    if (!refused.isEmpty()) {
      return finish(call, runtimeId, deniedByEngine(refused, call.request()), options, observation);
    }
    Duration wait = call.request().limits().timeout().orElse(RequestFactory.DEFAULT_WAIT);
    Optional<ConcurrencyGate.Permit> permit;
    CallObservation.SlotWait slotWait =
        call.grants().maxConcurrent() == Integer.MAX_VALUE ? outcome -> {} : observation.slotWait();
    try {
      permit =
          gate.acquire(
              skill,
              call.instance(),
              call.grants().maxConcurrent(),
              wait,
              call.request().cancellation()::isCancelled);
    } catch (InterruptedException e) {
      slotWait.end("cancelled");
      Thread.currentThread().interrupt();
      throw new SkillException("interrupted while waiting to run " + skill + "/" + tool, e);
    }
    ExecutionResult result;
    if (permit.isEmpty() && call.request().cancellation().isCancelled()) {
      slotWait.end("cancelled");
      result =
          ExecutionResult.builder(ExecutionStatus.CANCELLED)
              .message("cancelled while waiting for a max_concurrent_requests slot")
              .build();
    } else if (permit.isEmpty()) {
      slotWait.end("busy");
      Violation busy =
          Violation.error(
              Violation.TOO_MANY_CALLS,
              "skill \""
                  + skill
                  + "\" instance \""
                  + call.instance()
                  + "\" already runs "
                  + call.grants().maxConcurrent()
                  + " calls (max_concurrent_requests) and none"
                  + " finished within "
                  + wait.toMillis()
                  + " ms; retry later or raise the limit",
              String.valueOf(call.grants().maxConcurrent()));
      result = ExecutionResult.denied(List.of(busy), wait);
    } else {
      slotWait.end("acquired");
      long start = System.nanoTime();
      try {
        result = runtime(runtimeId, provider).execute(call.request());
      } catch (RuntimeException e) {
        // a fault of the runtime itself: still one audit event, then the caller sees the fault
        audit.record(
            AuditLog.event(
                call,
                runtimeId,
                "ERROR",
                java.util.OptionalInt.empty(),
                (System.nanoTime() - start) / 1_000_000),
            options.auditContext(),
            observation.traceIds());
        throw e;
      } finally {
        permit.get().close();
      }
    }
    return finish(call, runtimeId, result, options, observation);
  }

  private ExecutionResult finish(
      PreparedCall call,
      String runtimeId,
      ExecutionResult result,
      ExecuteOptions options,
      CallObservation observation) {
    observation.ended(result);
    if (audit.wanted()) {
      audit.record(
          AuditLog.event(
              call,
              runtimeId,
              result.status().name(),
              result.exitCode(),
              result.duration().toMillis()),
          options.auditContext(),
          observation.traceIds());
    }
    if (options.throwOnDenial() && result.status() == ExecutionStatus.DENIED) {
      throw new PolicyViolationException(result.violations());
    }
    return result;
  }

  /** The name metrics and spans give a tool: the one every surface shows a model. */
  private String toolName(String skill, String tool) {
    if (observer == CallObserver.NONE) {
      return ""; // observes nothing: the name is never read
    }
    ToolNames.QualifiedTool t = new ToolNames.QualifiedTool(skill, tool);
    String declared = toolNames.get(t);
    return declared != null
        ? declared
        : java.util.Objects.requireNonNull(
            ToolNames.assign(List.of(t)).get(t), "assign names every tool it is given");
  }

  /** The engine's own denial, with every secret of the request masked. */
  private static ExecutionResult deniedByEngine(List<Violation> errors, ExecutionRequest request) {
    List<Violation> redacted =
        errors.stream()
            .map(
                v ->
                    new Violation(
                        v.ruleId(),
                        request.redact(v.message()),
                        request.redact(v.offendingValue()),
                        v.severity()))
            .toList();
    return ExecutionResult.denied(redacted, Duration.ZERO);
  }

  /**
   * Checks the manifest without running anything: every skill routes to an installed runtime, and
   * every request it would build passes every policy rule at validation time. Needs no Docker
   * engine.
   */
  public ValidationReport validate() {
    return new PolicyValidator(manifest, registry, this::config, requests).validate();
  }

  /** The request and the engine's rules for it; the engine checks those itself, once per call. */
  private PreparedCall prepare(
      String skill, String tool, JsonNode arguments, ExecuteOptions options) {
    return requests.prepare(skill, tool, arguments, options);
  }

  private RuntimeConfig config(String id) {
    return configs.computeIfAbsent(id, k -> settings(runtimeConfigs, k));
  }

  /** The settings given for a runtime, else the system properties {@code skillrt.<id>.*}. */
  private static RuntimeConfig settings(Map<String, RuntimeConfig> given, String id) {
    RuntimeConfig config = given.get(id);
    return config != null ? config : RuntimeConfig.fromSystemProperties("skillrt." + id + ".");
  }

  private SkillRuntime runtime(String id, SkillRuntimeProvider provider) {
    SkillRuntime r = runtimes.get(id, () -> provider.create(config(id)));
    if (closed) {
      throw new IllegalStateException("the skill engine is closed; build a new one");
    }
    return r;
  }

  /** Closes every runtime this engine created and the audit file. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Map.Entry<String, SkillRuntime> e : runtimes.drain().entrySet()) {
      try {
        e.getValue().close();
      } catch (RuntimeException ex) {
        LOG.warn("closing the {} runtime failed: {}", e.getKey(), ex.toString());
      }
    }
    audit.close();
  }

  /** Builds a {@link SkillEngine}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path manifestPath;
    private @Nullable Manifest manifest;
    private @Nullable SkillRuntimeRegistry registry;
    private @Nullable Path auditFile;
    private @Nullable Map<String, String> environment;
    private @Nullable Path workingDirectory;
    private final Map<String, RuntimeConfig> runtimeConfigs = new HashMap<>();
    private Duration rememberRuntimeFailureFor = DEFAULT_REMEMBER_RUNTIME_FAILURE;
    private CallObserver observer = CallObserver.NONE;
    private final List<Path> skillsDirectories = new ArrayList<>();

    private Builder() {}

    /**
     * Reports every call to this Micrometer registry: the observation {@code skillrt.execute}
     * (contextual name {@code execute_tool SKILL__TOOL}), the wait for a {@code
     * max_concurrent_requests} slot and each denying rule, named as docs/observability.md lists.
     * {@code micrometer-observation} is an optional dependency: without this call the engine loads
     * none of it.
     */
    public Builder observationRegistry(io.micrometer.observation.ObservationRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      this.observer = new MicrometerCallObserver(registry);
      return this;
    }

    /**
     * How long a runtime whose creation failed (e.g. no Docker engine answered) is not tried again:
     * calls in that time fail at once with a {@link dev.skillrt.api.RuntimeUnavailableException}
     * holding the reasons of the failed attempt; the first call after it tries again. Default
     * {@value #DEFAULT_REMEMBER_RUNTIME_FAILURE_SECONDS} seconds; zero tries on every call.
     */
    public Builder rememberRuntimeFailureFor(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException(
            "rememberRuntimeFailureFor must be zero or more, not " + duration);
      }
      this.rememberRuntimeFailureFor = duration;
      return this;
    }

    /**
     * One more folder of Agent Skills folders to load with the manifest (see {@link
     * ManifestLoader.Builder#skillsDirectory}); without a manifest file, only these.
     */
    public Builder skillsDirectory(Path directory) {
      this.skillsDirectories.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /** The manifest file; without it (and without {@link #manifest(Manifest)}) it is discovered. */
    public Builder manifest(Path path) {
      this.manifestPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /** An already loaded manifest. */
    public Builder manifest(Manifest manifest) {
      this.manifest = Objects.requireNonNull(manifest, "manifest");
      return this;
    }

    /** The runtimes (default: {@link SkillRuntimeRegistry#load()}). */
    public Builder registry(SkillRuntimeRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Also append audit events as JSON lines to this file. */
    public Builder auditFile(Path file) {
      this.auditFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Variables for {@code ${VAR}} expansion and discovery (default: the process's). */
    public Builder environment(Map<String, String> environment) {
      this.environment = new LinkedHashMap<>(environment);
      return this;
    }

    public Builder workingDirectory(Path directory) {
      this.workingDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Settings for one runtime (default: system properties {@code skillrt.<id>.*}). */
    public Builder runtimeConfig(String runtimeId, RuntimeConfig config) {
      this.runtimeConfigs.put(runtimeId, config);
      return this;
    }

    /**
     * Loads and validates the manifest (unless one was given) and builds the engine.
     *
     * @throws dev.skillrt.api.ConfigurationException with every problem in the manifest
     */
    public SkillEngine build() {
      if (registry == null) {
        registry = SkillRuntimeRegistry.load();
      }
      Manifest m = manifest;
      if (m == null) {
        ManifestLoader.Builder loader = ManifestLoader.builder().registry(registry);
        if (environment != null) {
          loader.environment(environment);
        }
        if (workingDirectory != null) {
          loader.workingDirectory(workingDirectory);
        }
        skillsDirectories.forEach(loader::skillsDirectory);
        m = loader.build().load(Optional.ofNullable(manifestPath));
      }
      RuntimeSettingsCheck.check(
          registry,
          m.skills().values().stream().map(SkillDefinition::runtime).toList(),
          runtimeConfigs,
          id -> settings(runtimeConfigs, id));
      return new SkillEngine(m, registry, this);
    }
  }

  @Override
  public String toString() {
    return "SkillEngine" + new ArrayList<>(manifest.skills().keySet()) + " on " + registry;
  }
}
