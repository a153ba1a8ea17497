package dev.skillrt.engine.internal;

import dev.skillrt.api.RuntimeUnavailableException;
import dev.skillrt.spi.SkillRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The runtimes of one engine, each created once on first use. A creation that fails (say, no Docker
 * engine answers) is remembered for a while: every call in that time fails at once with the reasons
 * of that attempt instead of probing again, and the first call after it tries again. Calls that
 * arrive while a creation runs wait for it and share its outcome. Thread-safe.
 */
public final class RuntimeCreations {

  private final Duration rememberFailureFor;
  private final LongSupplier nanoTime;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  public RuntimeCreations(Duration rememberFailureFor) {
    this(rememberFailureFor, System::nanoTime);
  }

  RuntimeCreations(Duration rememberFailureFor, LongSupplier nanoTime) {
    if (rememberFailureFor.isNegative()) {
      throw new IllegalArgumentException(
          "how long a failed runtime creation is remembered must be zero or more, not "
              + rememberFailureFor);
    }
    this.rememberFailureFor = rememberFailureFor;
    this.nanoTime = nanoTime;
  }

  /**
   * The runtime with this id, created with {@code create} unless it exists.
   *
   * @throws RuntimeException what {@code create} threw, or, within the remembered time after such a
   *     failure, a {@link RuntimeUnavailableException} with the same reasons (other exceptions are
   *     thrown again as they were)
   */
  public SkillRuntime get(String id, Supplier<SkillRuntime> create) {
    return slots.computeIfAbsent(id, k -> new Slot()).get(create);
  }

  /** Every runtime created so far, by id; forgets them (the caller closes them). */
  public synchronized Map<String, SkillRuntime> drain() {
    Map<String, SkillRuntime> created = new LinkedHashMap<>();
    slots.forEach(
        (id, slot) -> {
          SkillRuntime r = slot.take();
          if (r != null) {
            created.put(id, r);
          }
        });
    slots.clear();
    return created;
  }

  private final class Slot {
    private @Nullable SkillRuntime runtime;
    private @Nullable RuntimeException failure;
    private long failedAt;

    synchronized SkillRuntime get(Supplier<SkillRuntime> create) {
      if (runtime != null) {
        return runtime;
      }
      long now = nanoTime.getAsLong();
      if (failure != null && now - failedAt < rememberFailureFor.toNanos()) {
        throw remembered(failure, now);
      }
      try {
        runtime = create.get();
        failure = null;
        return runtime;
      } catch (RuntimeException e) {
        failure = e;
        failedAt = nanoTime.getAsLong();
        throw e;
      }
    }

    synchronized @Nullable SkillRuntime take() {
      SkillRuntime r = runtime;
      runtime = null;
      return r;
    }

    private RuntimeException remembered(RuntimeException original, long now) {
      if (!(original instanceof RuntimeUnavailableException unavailable)) {
        return original;
      }
      long agoMillis = Duration.ofNanos(now - failedAt).toMillis();
      long retryMillis =
          Math.max(1, Duration.ofNanos(failedAt + rememberFailureFor.toNanos() - now).toMillis());
      List<String> reasons = new ArrayList<>(unavailable.reasons());
      reasons.add(
          "(found "
              + agoMillis
              + " ms ago and not tried again for "
              + rememberFailureFor.toMillis()
              + " ms; the first call in "
              + retryMillis
              + " ms tries again, or set"
              + " SkillEngine.builder().rememberRuntimeFailureFor)");
      return new RuntimeUnavailableException(unavailable.runtimeId(), reasons, original);
    }
  }
}
