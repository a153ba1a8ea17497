package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One execution of one skill tool, as a runtime receives it: what to run ({@link #spec()}), with
 * which environment, input, mounts and limits. Built by the engine from a manifest, or by hand with
 * {@link #builder(String, String, RuntimeSpec)}.
 *
 * <p>Immutable and thread-safe (the stdin array is copied in and out).
 */
@API(status = STABLE, since = "0.1")
public final class ExecutionRequest {

  private static final OutputListener NO_LISTENER = (stream, chunk) -> {};

  /** What {@link #redact(String)} puts in place of a secret. */
  public static final String REDACTED = SecretRedactor.MASK;

  private final String skill;
  private final String tool;
  private final RuntimeSpec spec;
  private final Map<String, String> environment;
  private final byte[] stdin;
  private final @Nullable String workingDirectory;
  private final List<Mount> mounts;
  private final Limits limits;
  private final boolean networkAllowed;
  private final @Nullable OutputListener outputListener;
  private final OverflowAction overflowAction;
  private final Cancellation cancellation;
  private final List<PolicyRule> policyRules;
  private final Set<String> secretValues;
  private final SecretRedactor redactor;
  private final boolean masksSecretsInOutput;

  private ExecutionRequest(Builder b) {
    this.skill = b.skill;
    this.tool = b.tool;
    this.spec = b.spec;
    this.environment = Map.copyOf(b.environment);
    this.stdin = b.stdin.clone();
    this.workingDirectory = b.workingDirectory;
    this.mounts = List.copyOf(b.mounts);
    this.limits = b.limits;
    this.networkAllowed = b.networkAllowed;
    this.outputListener = b.outputListener;
    this.overflowAction = b.overflowAction;
    this.cancellation = b.cancellation;
    this.policyRules = List.copyOf(b.policyRules);
    this.secretValues = Collections.unmodifiableSet(new LinkedHashSet<>(b.secretValues));
    this.redactor = SecretRedactor.of(secretValues);
    this.masksSecretsInOutput = b.masksSecretsInOutput;
  }

  /**
   * Starts a request.
   *
   * @param skill the skill's name, as in the manifest
   * @param tool the tool's name
   * @param spec what to run
   */
  public static Builder builder(String skill, String tool, RuntimeSpec spec) {
    return new Builder(skill, tool, spec);
  }

  /** A builder that starts from this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder(skill, tool, spec);
    b.environment.putAll(environment);
    b.stdin = stdin;
    b.workingDirectory = workingDirectory;
    b.mounts.addAll(mounts);
    b.limits = limits;
    b.networkAllowed = networkAllowed;
    b.outputListener = outputListener;
    b.overflowAction = overflowAction;
    b.cancellation = cancellation;
    b.policyRules.addAll(policyRules);
    b.secretValues.addAll(secretValues);
    b.masksSecretsInOutput = masksSecretsInOutput;
    return b;
  }

  public String skill() {
    return skill;
  }

  public String tool() {
    return tool;
  }

  /** What to run; a runtime checks it is the kind of spec it understands. */
  public RuntimeSpec spec() {
    return spec;
  }

  /** The spec as the given type, or a {@link ConfigurationException} naming both types. */
  public <T extends RuntimeSpec> T spec(Class<T> type) {
    if (!type.isInstance(spec)) {
      throw new ConfigurationException(
          "skill '"
              + skill
              + "' has a "
              + spec.getClass().getSimpleName()
              + " but this runtime needs a "
              + type.getSimpleName());
    }
    return type.cast(spec);
  }

  /** The complete environment the skill gets (a runtime adds only what it documents). */
  public Map<String, String> environment() {
    return environment;
  }

  /** Bytes sent to the skill's standard input, then end of input. A copy. */
  public byte[] stdin() {
    return stdin.clone();
  }

  public boolean hasStdin() {
    return stdin.length > 0;
  }

  /** Where the skill starts; absent means a fresh folder per call. */
  public Optional<String> workingDirectory() {
    return Optional.ofNullable(workingDirectory);
  }

  /** Host folders the skill may see; nothing else of the host is granted. */
  public List<Mount> mounts() {
    return mounts;
  }

  public Limits limits() {
    return limits;
  }

  /** Whether the skill may use the network. Default {@code false}. */
  public boolean networkAllowed() {
    return networkAllowed;
  }

  /** The listener, or one that does nothing. */
  public OutputListener outputListener() {
    return outputListener == null ? NO_LISTENER : outputListener;
  }

  public boolean hasOutputListener() {
    return outputListener != null;
  }

  /** What happens past the output limit. Default {@link OverflowAction#STOP}. */
  public OverflowAction overflowAction() {
    return overflowAction;
  }

  /** The handle that cancels this execution; a fresh one when none was given. */
  public Cancellation cancellation() {
    return cancellation;
  }

  /**
   * Rules a caller that runs the runtime directly requires it to check, besides its own. The engine
   * leaves this empty: it checks its own rules itself before the request reaches a runtime.
   */
  public List<PolicyRule> policyRules() {
    return policyRules;
  }

  /** Values that must never appear in logs or messages (the runtime redacts them). */
  public Set<String> secretValues() {
    return secretValues;
  }

  /** The redactor for this request's {@linkplain #secretValues() secret values}. */
  public SecretRedactor redactor() {
    return redactor;
  }

  /**
   * Whether the secret values are masked in the skill's output, captured and streamed (default
   * {@code true}; {@link dev.skillrt.spi.AbstractSkillRuntime} does it for every runtime).
   */
  public boolean masksSecretsInOutput() {
    return masksSecretsInOutput;
  }

  /**
   * The text with every {@linkplain #secretValues() secret value} masked as {@code ***} (in the
   * forms {@link SecretRedactor} lists): for anything derived from this request that may reach a
   * log, a message or a caller.
   */
  public String redact(String text) {
    return redactor.redact(text);
  }

  @Override
  public String toString() {
    return "ExecutionRequest{" + skill + "/" + tool + ": " + spec.describe() + ", " + limits + "}";
  }

  /** Builds an {@link ExecutionRequest}. Not thread-safe. */
  public static final class Builder {
    private final String skill;
    private final String tool;
    private RuntimeSpec spec;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private byte[] stdin = new byte[0];
    private @Nullable String workingDirectory;
    private final List<Mount> mounts = new ArrayList<>();
    private Limits limits = Limits.none();
    private boolean networkAllowed;
    private @Nullable OutputListener outputListener;
    private OverflowAction overflowAction = OverflowAction.STOP;
    private Cancellation cancellation = Cancellation.create();
    private final List<PolicyRule> policyRules = new ArrayList<>();
    private final Set<String> secretValues = new LinkedHashSet<>();
    private boolean masksSecretsInOutput = true;

    private Builder(String skill, String tool, RuntimeSpec spec) {
      this.skill = Objects.requireNonNull(skill, "skill");
      this.tool = Objects.requireNonNull(tool, "tool");
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    public Builder spec(RuntimeSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /** Replaces the environment. */
    public Builder environment(Map<String, String> environment) {
      this.environment.clear();
      this.environment.putAll(environment);
      return this;
    }

    public Builder env(String name, String value) {
      this.environment.put(name, value);
      return this;
    }

    public Builder stdin(byte[] stdin) {
      this.stdin = stdin.clone();
      return this;
    }

    public Builder stdin(String utf8) {
      this.stdin = utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return this;
    }

    public Builder workingDirectory(@Nullable String workingDirectory) {
      this.workingDirectory = workingDirectory;
      return this;
    }

    public Builder mount(Mount mount) {
      this.mounts.add(mount);
      return this;
    }

    /** Replaces the mounts. */
    public Builder mounts(List<Mount> mounts) {
      this.mounts.clear();
      this.mounts.addAll(mounts);
      return this;
    }

    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder networkAllowed(boolean networkAllowed) {
      this.networkAllowed = networkAllowed;
      return this;
    }

    public Builder outputListener(@Nullable OutputListener listener) {
      this.outputListener = listener;
      return this;
    }

    public Builder overflowAction(OverflowAction action) {
      this.overflowAction = Objects.requireNonNull(action, "action");
      return this;
    }

    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
      return this;
    }

    public Builder policyRule(PolicyRule rule) {
      this.policyRules.add(rule);
      return this;
    }

    /** Replaces the caller's policy rules. */
    public Builder policyRules(List<PolicyRule> rules) {
      this.policyRules.clear();
      this.policyRules.addAll(rules);
      return this;
    }

    public Builder secretValue(String value) {
      if (!value.isEmpty()) {
        this.secretValues.add(value);
      }
      return this;
    }

    /**
     * Whether the runtime masks the secret values in the skill's output, as CI systems mask secrets
     * in logs (default {@code true}). Turn it off only for a skill whose output must carry a secret
     * to its caller; messages, violations and audit events are redacted regardless.
     */
    public Builder maskSecretsInOutput(boolean mask) {
      this.masksSecretsInOutput = mask;
      return this;
    }

    public ExecutionRequest build() {
      return new ExecutionRequest(this);
    }
  }
}
