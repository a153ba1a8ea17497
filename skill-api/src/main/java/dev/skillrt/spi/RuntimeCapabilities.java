package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a runtime can enforce. A request that needs more is refused (never silently run without the
 * limit): {@link #check(ExecutionRequest)} lists what is missing.
 *
 * @param limits the kinds of limit the runtime enforces
 * @param networkControl whether it can keep a skill off the network
 * @param mounts whether it can grant host folders
 * @param stdin whether it can feed standard input
 * @param streaming whether it streams output to a listener while the skill runs
 */
@API(status = STABLE, since = "0.1")
public record RuntimeCapabilities(
    Set<LimitKind> limits,
    boolean networkControl,
    boolean mounts,
    boolean stdin,
    boolean streaming) {

  /** Rule id of the violation for a limit the runtime cannot enforce. */
  public static final String UNSUPPORTED_LIMIT = "capabilities.limit";

  /** Rule id of the violation for mounts on a runtime that cannot grant them. */
  public static final String UNSUPPORTED_MOUNTS = "capabilities.mounts";

  /** Rule id of the violation for stdin on a runtime that cannot feed it. */
  public static final String UNSUPPORTED_STDIN = "capabilities.stdin";

  public RuntimeCapabilities {
    limits = limits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(limits));
  }

  /** Everything: every limit, network control, mounts, stdin and streaming. */
  public static RuntimeCapabilities all() {
    return new RuntimeCapabilities(EnumSet.allOf(LimitKind.class), true, true, true, true);
  }

  /** What the request needs and this runtime cannot do, one violation each. */
  public List<Violation> check(ExecutionRequest request) {
    List<Violation> out = new ArrayList<>();
    for (LimitKind kind : request.limits().kinds()) {
      if (!limits.contains(kind)) {
        out.add(
            Violation.error(
                UNSUPPORTED_LIMIT,
                "this runtime cannot enforce a "
                    + kind.name().toLowerCase(Locale.ROOT)
                    + " limit; remove it or pick a runtime that enforces it",
                kind.name().toLowerCase(Locale.ROOT)));
      }
    }
    if (!mounts && !request.mounts().isEmpty()) {
      out.add(
          Violation.error(
              UNSUPPORTED_MOUNTS,
              "this runtime cannot grant host folders",
              request.mounts().toString()));
    }
    if (!stdin && request.hasStdin()) {
      out.add(
          Violation.error(UNSUPPORTED_STDIN, "this runtime cannot feed standard input", "stdin"));
    }
    return out;
  }
}
