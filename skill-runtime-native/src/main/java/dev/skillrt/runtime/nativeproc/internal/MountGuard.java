package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.HostPathPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The native runtime's use of the shared {@link HostPathPolicy}: host folders no skill may be
 * granted (the root, system folders read-write, engine state and sockets, homes, credentials,
 * sockets and devices by file type, folders whose parents someone else can change). System folders
 * may be granted read-only: a sandboxed skill sees {@code /usr} and the like anyway.
 */
final class MountGuard {

  static final HostPathPolicy POLICY = HostPathPolicy.strict().allowingSystemFoldersReadOnly();

  private MountGuard() {}

  static List<Violation> check(List<Mount> mounts, PolicyPhase phase) {
    List<Violation> out = new ArrayList<>();
    for (Mount m : mounts) {
      POLICY.judge(m.hostPath(), m.readOnly()).ifPresent(r -> out.add(violation(m, r, phase)));
    }
    return out;
  }

  /**
   * The mounts as they are bound: each host path replaced by its real path, judged as it is now.
   *
   * @param refused receives the violation of every mount that may not be bound now
   */
  static List<Mount> resolved(List<Mount> mounts, List<Violation> refused) {
    List<Mount> out = new ArrayList<>();
    for (Mount m : mounts) {
      HostPathPolicy.Resolution r = POLICY.resolve(m.hostPath(), m.readOnly());
      r.refusal().ifPresent(why -> refused.add(violation(m, why, PolicyPhase.EXECUTE)));
      out.add(new Mount(r.realPath(), m.guestPath(), m.readOnly()));
    }
    return out;
  }

  private static Violation violation(Mount m, HostPathPolicy.Refusal r, PolicyPhase phase) {
    return HostPathPolicy.violation(NativePolicy.RULE_MOUNTS, m, r, phase);
  }
}
