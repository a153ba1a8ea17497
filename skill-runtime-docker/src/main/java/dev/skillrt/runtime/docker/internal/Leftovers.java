package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and removes containers that no live call will ever remove (ours by label, running or not):
 * those whose deadline passed (creation + timeout + kill grace), and those of this host whose owner
 * JVM is gone (the host rebooted, the pid is gone, or it now belongs to a process that started at
 * another time). Containers of another host are removed once their deadline passed or, stopped,
 * when older than a day. Containers of a live JVM within their deadline are left alone: a call
 * there may be running, or between its end and the removal.
 */
public final class Leftovers {

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  /** How long a stopped container of another host, without a deadline, is kept. */
  static final Duration OTHER_HOST_AGE = Duration.ofDays(1);

  private static final Set<String> ACTIVE_STATES = Set.of("running", "restarting", "paused");

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
    ContainerOwner here = ContainerOwner.current();
    Instant now = Instant.now();
    for (Container c : managed(docker)) {
      Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
      Instant created = Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated());
      String state = c.getState() == null ? "" : c.getState().toLowerCase(java.util.Locale.ROOT);
      if (state.equals("removing")) {
        continue;
      }
      Optional<String> why = whyLeftOver(labels, state, created, here, now);
      if (why.isEmpty()) {
        continue;
      }
      try {
        // forced: a running leftover is killed and removed in one request
        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        removed++;
        LOG.info(
            "removed leftover container {} ({}, skill {}): {}",
            c.getId().substring(0, 12),
            state,
            labels.getOrDefault(Labels.SKILL, "?"),
            why.get());
      } catch (NotFoundException e) {
        // removed meanwhile
      } catch (RuntimeException e) {
        LOG.warn("could not remove leftover container {}: {}", c.getId(), e.getMessage());
      }
    }
    return removed;
  }

  /**
   * Why a container of ours is left over, judged from {@code here} at {@code now}; empty when a
   * live call may still own it.
   */
  static Optional<String> whyLeftOver(
      Map<String, String> labels, String state, Instant created, ContainerOwner here, Instant now) {
    Optional<Instant> deadline = Labels.deadlineOf(labels);
    if (deadline.isPresent() && now.isAfter(deadline.get())) {
      return Optional.of("its deadline " + deadline.get() + " passed");
    }
    Optional<ContainerOwner> owner = ContainerOwner.fromLabels(labels);
    if (owner.isPresent() && owner.get().host().equals(here.host())) {
      return owner.get().goneFrom(here);
    }
    if (!ACTIVE_STATES.contains(state) && created.isBefore(now.minus(OTHER_HOST_AGE))) {
      return Optional.of("it stopped, was created by another host, and is older than a day");
    }
    return Optional.empty();
  }
}
