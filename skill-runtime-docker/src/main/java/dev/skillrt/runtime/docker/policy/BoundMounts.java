package dev.skillrt.runtime.docker.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.spi.HostPathPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The host paths a container really binds, judged again when they are bound. The policy judges a
 * mount when the call is checked; a symlink swapped after that would make Docker bind something
 * else. So the path to bind is resolved once more, the {@code docker.mounts} judgement is run on
 * exactly that real path (whose parent folders no skill or other user can change, see {@link
 * HostPathPolicy}), and right before the container is created the path must still resolve to itself
 * and the mount to it ({@code docker.mounts.changed} otherwise).
 */
@API(status = INTERNAL, since = "0.1")
public final class BoundMounts {

  private final MountsRule rule;

  /** The judgement of the runtime with this config. */
  public BoundMounts(DockerRuntimeConfig config) {
    this.rule = new MountsRule(config);
  }

  /**
   * The real host path to bind for a mount, judged as it is now.
   *
   * @throws PolicyViolationException when the real path is (now) denied or cannot be resolved
   */
  public Path realPathToBind(Mount mount) {
    HostPathPolicy.Resolution resolution =
        rule.policy().resolve(mount.hostPath(), mount.readOnly());
    if (resolution.refusal().isPresent()) {
      throw new PolicyViolationException(
          List.of(
              rule.violation(
                  mount.hostPath().toString(), resolution.refusal().get(), PolicyPhase.EXECUTE)));
    }
    return resolution.realPath();
  }

  /**
   * Checks, right before the container is created, that each mount still resolves to the path that
   * was judged and is bound, and that this path holds no symlink.
   *
   * @param bound the bound host paths, one per mount, in the same order
   * @throws PolicyViolationException naming every mount that changed
   */
  public static void verifyUnchanged(List<Mount> mounts, List<Path> bound) {
    List<Violation> changed = new ArrayList<>();
    for (int i = 0; i < mounts.size(); i++) {
      Mount mount = mounts.get(i);
      Path judged = bound.get(i);
      boolean same;
      try {
        same =
            HostPathPolicy.realPath(mount.hostPath()).equals(judged)
                && HostPathPolicy.realPath(judged).equals(judged);
      } catch (IOException | RuntimeException e) {
        same = false;
      }
      if (!same) {
        changed.add(
            Violation.error(
                "docker.mounts.changed",
                "host path "
                    + mount.hostPath()
                    + " no longer resolves to "
                    + judged
                    + ", the folder that was checked (a symlink changed); nothing was mounted",
                mount.hostPath().toString()));
      }
    }
    if (!changed.isEmpty()) {
      throw new PolicyViolationException(changed);
    }
  }
}
