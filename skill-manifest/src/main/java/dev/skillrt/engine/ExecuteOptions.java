package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.Limits;
import dev.skillrt.api.OutputListener;
import dev.skillrt.api.OverflowAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How one {@link SkillEngine#execute} call runs: the instance, limits tighter than the skill's,
 * stdin, positional arguments (for skills without tools), an output listener, a cancellation
 * handle, and whether a policy denial throws. Immutable; build with {@link #builder()}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExecuteOptions {

  private static final ExecuteOptions DEFAULTS = builder().build();

  private final @Nullable String instance;
  private final Limits limits;
  private final byte @Nullable [] stdin;
  private final List<String> positionalArguments;
  private final @Nullable OutputListener outputListener;
  private final @Nullable Cancellation cancellation;
  private final OverflowAction overflowAction;
  private final boolean throwOnDenial;
  private final Map<String, String> auditContext;
  private final @Nullable String toolCallId;

  private ExecuteOptions(Builder b) {
    this.instance = b.instance;
    this.limits = b.limits;
    this.stdin = b.stdin == null ? null : b.stdin.clone();
    this.positionalArguments = List.copyOf(b.positionalArguments);
    this.outputListener = b.outputListener;
    this.cancellation = b.cancellation;
    this.overflowAction = b.overflowAction;
    this.throwOnDenial = b.throwOnDenial;
    this.auditContext = Collections.unmodifiableMap(new LinkedHashMap<>(b.auditContext));
    this.toolCallId = b.toolCallId;
  }

  /** The skill's default instance, its limits, no stdin, denials as results. */
  public static ExecuteOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The instance named by the call; absent means the skill's default. */
  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  /** Limits the call asks for; the skill's limits tightened by these apply. */
  public Limits limits() {
    return limits;
  }

  public Optional<byte[]> stdin() {
    return Optional.ofNullable(stdin).map(byte[]::clone);
  }

  /** Arguments after the tool name, for skills that declare no tools. */
  public List<String> positionalArguments() {
    return positionalArguments;
  }

  public Optional<OutputListener> outputListener() {
    return Optional.ofNullable(outputListener);
  }

  public Optional<Cancellation> cancellation() {
    return Optional.ofNullable(cancellation);
  }

  public OverflowAction overflowAction() {
    return overflowAction;
  }

  /** Whether a policy denial throws {@link dev.skillrt.api.PolicyViolationException}. */
  public boolean throwOnDenial() {
    return throwOnDenial;
  }

  /**
   * What the caller adds to the call's audit event, under {@code context} (e.g. the MCP request id
   * and client name); empty by default.
   */
  public Map<String, String> auditContext() {
    return auditContext;
  }

  /**
   * The caller's id of this tool call (the MCP request id, a framework's tool-call id), reported as
   * {@code gen_ai.tool.call.id} on the call's observation; absent by default.
   */
  public Optional<String> toolCallId() {
    return Optional.ofNullable(toolCallId);
  }

  /** Builds {@link ExecuteOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String instance;
    private Limits limits = Limits.none();
    private byte @Nullable [] stdin;
    private final List<String> positionalArguments = new ArrayList<>();
    private @Nullable OutputListener outputListener;
    private @Nullable Cancellation cancellation;
    private OverflowAction overflowAction = OverflowAction.STOP;
    private boolean throwOnDenial;
    private final Map<String, String> auditContext = new LinkedHashMap<>();
    private @Nullable String toolCallId;

    private Builder() {}

    public Builder instance(String instance) {
      this.instance = Objects.requireNonNull(instance, "instance");
      return this;
    }

    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder stdin(byte[] stdin) {
      this.stdin = stdin.clone();
      return this;
    }

    public Builder stdin(String utf8) {
      return stdin(utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Builder positionalArguments(List<String> arguments) {
      this.positionalArguments.clear();
      this.positionalArguments.addAll(arguments);
      return this;
    }

    public Builder outputListener(OutputListener listener) {
      this.outputListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
      return this;
    }

    public Builder overflowAction(OverflowAction action) {
      this.overflowAction = Objects.requireNonNull(action, "action");
      return this;
    }

    public Builder throwOnDenial(boolean throwOnDenial) {
      this.throwOnDenial = throwOnDenial;
      return this;
    }

    /** Adds a field to the call's audit event, under {@code context}. */
    public Builder auditContext(String key, String value) {
      this.auditContext.put(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The caller's id of this tool call, for the call's observation. */
    public Builder toolCallId(String id) {
      this.toolCallId = Objects.requireNonNull(id, "id");
      return this;
    }

    public ExecuteOptions build() {
      return new ExecuteOptions(this);
    }
  }
}
