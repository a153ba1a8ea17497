package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.skillrt.api.DataSize;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The linear memory limits a call runs with. Chicory's {@code withMemoryLimits} replaces the
 * module's declared limits, so the plan keeps the module's own minimum (and its own maximum when
 * lower than the cap) and only lowers the maximum to the cap. A cap below the module's minimum
 * cannot be met: the plan is then a refusal with a message saying what to raise.
 */
public final class MemoryPlan {

  /** Bytes in one WebAssembly page. */
  public static final long PAGE = 65536;

  private final @Nullable MemoryLimits limits;
  private final @Nullable String refusal;

  private MemoryPlan(@Nullable MemoryLimits limits, @Nullable String refusal) {
    this.limits = limits;
    this.refusal = refusal;
  }

  /**
   * @param declared the module's own memory limits; empty when it declares no memory
   * @param cap the call's memory limit
   * @param module the module, for messages
   */
  public static MemoryPlan of(Optional<MemoryLimits> declared, DataSize cap, String module) {
    if (declared.isEmpty()) {
      return new MemoryPlan(null, null);
    }
    MemoryLimits own = declared.get();
    long capPages = Math.min(cap.bytes() / PAGE, MemoryLimits.MAX_PAGES);
    if (capPages < own.initialPages()) {
      DataSize needed = DataSize.ofBytes(own.initialPages() * PAGE);
      return new MemoryPlan(
          null,
          "memory limit "
              + cap
              + " ("
              + capPages
              + " pages of 64k) is below the "
              + needed
              + " ("
              + own.initialPages()
              + " pages) that module "
              + module
              + " declares as its minimum; raise the skill's memory limit to at least "
              + needed);
    }
    int max = (int) Math.min(capPages, own.maximumPages());
    return new MemoryPlan(new MemoryLimits(own.initialPages(), max, own.shared()), null);
  }

  /** The limits to give Chicory; empty when the module declares no memory of its own. */
  public Optional<MemoryLimits> limits() {
    return Optional.ofNullable(limits);
  }

  /** Why the call cannot run with this cap; empty when it can. */
  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }
}
