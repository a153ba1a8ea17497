package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one execution. Every limit is optional; an absent limit means "not limited by this
 * object" (a runtime still applies its own defaults, such as a bounded output capture).
 *
 * <p>A skill's limits come from its manifest; a call may only {@linkplain #tightenedBy tighten}
 * them. Immutable and thread-safe. Build with {@link #builder()}.
 */
@API(status = STABLE, since = "0.1")
public final class Limits {

  /** What a runtime captures per stream when no output limit is given. */
  public static final DataSize DEFAULT_OUTPUT_PER_STREAM = DataSize.ofMebibytes(1);

  private static final Limits NONE = builder().build();

  private final @Nullable Duration timeout;
  private final @Nullable DataSize memory;
  private final @Nullable Double cpus;
  private final @Nullable Duration cpuTime;
  private final @Nullable Integer processes;
  private final @Nullable DataSize outputPerStream;

  private Limits(Builder b) {
    this.timeout = b.timeout;
    this.memory = b.memory;
    this.cpus = b.cpus;
    this.cpuTime = b.cpuTime;
    this.processes = b.processes;
    this.outputPerStream = b.outputPerStream;
  }

  /** No limits at all. */
  public static Limits none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this object's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.memory = memory;
    b.cpus = cpus;
    b.cpuTime = cpuTime;
    b.processes = processes;
    b.outputPerStream = outputPerStream;
    return b;
  }

  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  public Optional<DataSize> memory() {
    return Optional.ofNullable(memory);
  }

  /** CPU share in cores. */
  public OptionalDouble cpus() {
    return cpus == null ? OptionalDouble.empty() : OptionalDouble.of(cpus);
  }

  /** CPU seconds the skill may consume in all. */
  public Optional<Duration> cpuTime() {
    return Optional.ofNullable(cpuTime);
  }

  /** Maximum number of processes (or pids in a container). */
  public OptionalInt processes() {
    return processes == null ? OptionalInt.empty() : OptionalInt.of(processes);
  }

  /** Bytes captured per stream (stdout and stderr each). */
  public Optional<DataSize> outputPerStream() {
    return Optional.ofNullable(outputPerStream);
  }

  /** The output limit, or {@link #DEFAULT_OUTPUT_PER_STREAM} when none is set. */
  public DataSize effectiveOutputPerStream() {
    return outputPerStream == null ? DEFAULT_OUTPUT_PER_STREAM : outputPerStream;
  }

  /** The kinds of limit that are set. */
  public Set<LimitKind> kinds() {
    EnumSet<LimitKind> set = EnumSet.noneOf(LimitKind.class);
    if (timeout != null) set.add(LimitKind.TIMEOUT);
    if (memory != null) set.add(LimitKind.MEMORY);
    if (cpus != null) set.add(LimitKind.CPUS);
    if (cpuTime != null) set.add(LimitKind.CPU_TIME);
    if (processes != null) set.add(LimitKind.PROCESSES);
    if (outputPerStream != null) set.add(LimitKind.OUTPUT);
    return set;
  }

  /**
   * Combines these (a skill's) limits with a call's: each limit is the tighter of the two, and a
   * limit absent from the call keeps this object's value. The result never loosens this object.
   */
  public Limits tightenedBy(Limits call) {
    Builder b = toBuilder();
    b.timeout = minOf(timeout, call.timeout);
    b.memory = minOf(memory, call.memory);
    b.cpus = minOf(cpus, call.cpus);
    b.cpuTime = minOf(cpuTime, call.cpuTime);
    b.processes = minOf(processes, call.processes);
    b.outputPerStream = minOf(outputPerStream, call.outputPerStream);
    return b.build();
  }

  /**
   * Describes every way {@code other} is looser than this object: a limit this object sets that
   * {@code other} drops or raises. Empty when {@code other} is at least as tight.
   */
  public List<String> loosenedIn(Limits other) {
    List<String> out = new ArrayList<>();
    compare("timeout", timeout, other.timeout, out);
    compare("memory", memory, other.memory, out);
    compare("cpus", cpus, other.cpus, out);
    compare("cpu_time", cpuTime, other.cpuTime, out);
    compare("pids", processes, other.processes, out);
    compare("output", outputPerStream, other.outputPerStream, out);
    return out;
  }

  private static <T extends Comparable<? super T>> void compare(
      String name, @Nullable T mine, @Nullable T theirs, List<String> out) {
    if (mine == null) {
      return;
    }
    if (theirs == null) {
      out.add(name + " removed (was " + mine + ")");
    } else if (theirs.compareTo(mine) > 0) {
      out.add(name + " raised from " + mine + " to " + theirs);
    }
  }

  private static <T extends Comparable<? super T>> @Nullable T minOf(@Nullable T a, @Nullable T b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Limits l
        && Objects.equals(timeout, l.timeout)
        && Objects.equals(memory, l.memory)
        && Objects.equals(cpus, l.cpus)
        && Objects.equals(cpuTime, l.cpuTime)
        && Objects.equals(processes, l.processes)
        && Objects.equals(outputPerStream, l.outputPerStream);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, memory, cpus, cpuTime, processes, outputPerStream);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Limits{");
    if (timeout != null) sb.append("timeout=").append(timeout).append(' ');
    if (memory != null) sb.append("memory=").append(memory).append(' ');
    if (cpus != null) sb.append("cpus=").append(cpus).append(' ');
    if (cpuTime != null) sb.append("cpuTime=").append(cpuTime).append(' ');
    if (processes != null) sb.append("pids=").append(processes).append(' ');
    if (outputPerStream != null) sb.append("output=").append(outputPerStream).append(' ');
    return sb.toString().trim() + "}";
  }

  /** Builds {@link Limits}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Duration timeout;
    private @Nullable DataSize memory;
    private @Nullable Double cpus;
    private @Nullable Duration cpuTime;
    private @Nullable Integer processes;
    private @Nullable DataSize outputPerStream;

    private Builder() {}

    /** Wall-clock limit; must be positive. */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder memory(DataSize memory) {
      if (memory.bytes() == 0) {
        throw new IllegalArgumentException("memory limit must be positive");
      }
      this.memory = memory;
      return this;
    }

    /** CPU share in cores; must be positive. */
    public Builder cpus(double cpus) {
      if (!(cpus > 0) || Double.isInfinite(cpus)) {
        throw new IllegalArgumentException("cpus must be a positive number, was " + cpus);
      }
      this.cpus = cpus;
      return this;
    }

    public Builder cpuTime(Duration cpuTime) {
      if (cpuTime.isNegative() || cpuTime.isZero()) {
        throw new IllegalArgumentException("cpu time must be positive, was " + cpuTime);
      }
      this.cpuTime = cpuTime;
      return this;
    }

    /** Maximum processes (pids); must be at least 1. */
    public Builder processes(int processes) {
      if (processes < 1) {
        throw new IllegalArgumentException("pids must be at least 1, was " + processes);
      }
      this.processes = processes;
      return this;
    }

    public Builder outputPerStream(DataSize outputPerStream) {
      this.outputPerStream = outputPerStream;
      return this;
    }

    public Limits build() {
      return new Limits(this);
    }
  }
}
