package dev.skillrt.runtime.docker.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The host paths a container really binds, judged again when they are bound. The policy judges a
 * mount when the call is checked; a symlink swapped after that would make Docker bind something
 * else. So the path to bind is resolved once more, the {@code docker.mounts} judgement is run on
 * exactly that real path, and right before the container is created the path must still resolve
 * to itself and the mount to it ({@code docker.mounts.changed} otherwise).
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
    Path real;
    try {
      real = HostPaths.resolve(mount.hostPath().toAbsolutePath().normalize());
    } catch (IOException | RuntimeException e) {
      throw new PolicyViolationException(
          List.of(
              Violation.error(
                  "docker.mounts.unresolvable",
                  "host path " + mount.hostPath() + " cannot be resolved on the host when it is"
                      + " bound",
                  mount.hostPath().toString())));
    }
    List<Violation> out = new ArrayList<>();
    rule.checkHost(new Mount(real, mount.guestPath(), mount.readOnly()), PolicyPhase.EXECUTE, out);
    List<Violation> errors = out.stream().filter(Violation::isError).toList();
    if (!errors.isEmpty()) {
      throw new PolicyViolationException(errors);
    }
    return real;
  }

  /**
   * Checks, right before the container is created, that each mount still resolves to the path
   * that was judged and is bound, and that this path holds no symlink.
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
            HostPaths.resolve(mount.hostPath().toAbsolutePath().normalize()).equals(judged)
                && HostPaths.resolve(judged).equals(judged);
      } catch (IOException | RuntimeException e) {
        same = false;
      }
      if (!same) {
        changed.add(
            Violation.error(
                "docker.mounts.changed",
                "host path " + mount.hostPath() + " no longer resolves to " + judged
                    + ", the folder that was checked (a symlink changed); nothing was mounted",
                mount.hostPath().toString()));
      }
    }
    if (!changed.isEmpty()) {
      throw new PolicyViolationException(changed);
    }
  }
}
