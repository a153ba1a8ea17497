package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.skillrt.api.internal.BackgroundWorkers;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes one runtime's containers. A container whose program has ended by itself (its exit code is
 * known) is removed after the call's result is out, by a worker: it runs nothing any more and the
 * engine takes tens of milliseconds to remove it. A container stopped on timeout, cancellation, an
 * output overflow or close is removed (and so killed) before the call returns, as before. Past
 * {@value #BACKLOG} waiting removals, or once closed, the caller removes its own container. {@link
 * #close()} waits for every removal handed over; a JVM that dies first leaves the container to the
 * next runtime's start-up sweep ({@link Leftovers}), as a call in flight would.
 */
public final class ContainerRemovals implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerRemovals.class);

  private static final int BACKLOG = 32;

  private static final long CLOSE_WAIT_SECONDS = 60;

  private final DockerClient docker;
  private final BackgroundWorkers workers;

  public ContainerRemovals(DockerClient docker) {
    this.docker = docker;
    this.workers = new BackgroundWorkers("skillrt-docker-remove", 2, BACKLOG);
  }

  /** Removes (with force) a container whose program has ended, now or soon. */
  public void removeEnded(String id) {
    try {
      workers.execute(() -> removeNow(id));
    } catch (RejectedExecutionException e) {
      removeNow(id);
    }
  }

  /** Kills and removes a container in one request, before returning. */
  public void removeNow(String id) {
    // an interrupted caller must not leave the container behind: remove first, re-flag after
    boolean interrupted = Thread.interrupted();
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("container {} was already removed", id);
    } catch (RuntimeException e) {
      LOG.warn("could not remove container {}: {}", id, EngineConnector.describe(e));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits until every removal handed over is done; later ones are done by their caller. */
  @Override
  public void close() {
    if (!workers.closeAndWait(CLOSE_WAIT_SECONDS)) {
      LOG.warn(
          "containers were still being removed {} s after the Docker runtime closed; the next"
              + " runtime's start-up removes what is left",
          CLOSE_WAIT_SECONDS);
    }
  }
}
