package dev.skillrt.engine.internal;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import dev.skillrt.spi.HostPathPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every host folder the manifest lets some skill write, and the rule {@value #RULE}: no granted
 * folder may lie inside one of them. A skill that may write a folder may rename what is in it; if
 * another grant (of any skill, or its own) lies below, a concurrent call could swap a folder on the
 * way to it for a symbolic link between the check and the mount, and the other call would bind
 * whatever the link points to. Judged on real paths, at validation and at every call.
 */
public final class WritableGrants {

  /** The rule id. */
  public static final String RULE = "engine.nested-grant";

  /** A folder some skill may write, and who. */
  record Writable(Path hostPath, String holder) {}

  /** Folders no backend ever grants read-write, judged by name. */
  private static final HostPathPolicy NEVER_WRITABLE =
      HostPathPolicy.strict().allowingSystemFoldersReadOnly();

  private final List<Writable> writable;

  /**
   * @param writable every folder some skill instance is granted read-write; those no backend would
   *     ever bind read-write (such as {@code /tmp} itself) are left out, since no skill can write
   *     through them
   */
  WritableGrants(List<Writable> writable) {
    this.writable =
        writable.stream()
            .filter(w -> NEVER_WRITABLE.judgeByName(real(w.hostPath()), false).isEmpty())
            .toList();
  }

  /** The rule for calls of any skill of the manifest. */
  PolicyRule rule() {
    return PolicyRule.of(RULE, this::check);
  }

  private List<Violation> check(ExecutionRequest request, PolicyPhase phase) {
    List<Violation> out = new ArrayList<>();
    for (Mount m : request.mounts()) {
      Path real = real(m.hostPath());
      for (Writable w : writable) {
        Path outer = real(w.hostPath());
        if (real.startsWith(outer) && !real.equals(outer)) {
          out.add(
              Violation.error(
                  RULE,
                  "host folder "
                      + m.hostPath()
                      + " lies inside "
                      + w.hostPath()
                      + ", which "
                      + w.holder()
                      + " may write: a concurrent call of that skill could replace"
                      + " a folder on the way with a symbolic link between the check and the"
                      + " mount; grant folders that do not lie inside a writable grant",
                  m.toString()));
          break;
        }
      }
    }
    return out;
  }

  private static Path real(Path path) {
    try {
      return HostPathPolicy.realPath(path);
    } catch (IOException | RuntimeException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
