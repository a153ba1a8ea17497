package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes containers an earlier JVM left behind (ours by label, not running): those whose owner
 * JVM on this host is gone, and those of other hosts older than a day. Containers of a live JVM
 * are left alone, since a call there may be between exit and removal.
 */
public final class Leftovers {

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /** The containers with the runtime's label, running or not. */
  public static List<Container> managed(DockerClient docker) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.MANAGED, "true"))
        .exec();
  }

  /** Removes the leftovers; returns how many were removed. */
  public static int removeLeftovers(DockerClient docker) {
    int removed = 0;
    String host = Labels.hostName();
    for (Container c : managed(docker)) {
      if ("running".equalsIgnoreCase(c.getState()) || "restarting".equalsIgnoreCase(c.getState())) {
        continue;
      }
      Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
      boolean orphan;
      if (host.equals(labels.get(Labels.OWNER_HOST))) {
        orphan = !ownerAlive(labels.get(Labels.OWNER_PID));
      } else {
        Instant created = Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated());
        orphan = created.isBefore(Instant.now().minus(Duration.ofDays(1)));
      }
      if (!orphan) {
        continue;
      }
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        removed++;
        LOG.info("removed leftover container {} ({})", c.getId().substring(0, 12), c.getState());
      } catch (NotFoundException e) {
        // removed meanwhile
      } catch (RuntimeException e) {
        LOG.warn("could not remove leftover container {}: {}", c.getId(), e.getMessage());
      }
    }
    return removed;
  }

  private static boolean ownerAlive(String pid) {
    try {
      long p = Long.parseLong(pid);
      return p == ProcessHandle.current().pid() || ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
