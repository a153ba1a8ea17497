package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.SkillException;
import dev.skillrt.api.StreamKind;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.spi.CallControl;
import dev.skillrt.spi.OutputCapture;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call: create the container, attach its output (and, on its own attach, its input), start,
 * wait with the deadline, stop it on timeout, cancellation or an output overflow, read how it
 * ended, and always remove it ({@link ContainerRemovals}: a stopped container before the call
 * returns, one whose program ended by itself just after).
 */
public final class ContainerExecution {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerExecution.class);
  private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_REPORT_TIMEOUT = Duration.ofSeconds(60);

  private final DockerClient docker;
  private final DockerRuntimeConfig config;
  private final ExecutionRequest request;
  private final ContainerPlan plan;
  private final NetworkGuard networks;
  private final ContainerRemovals removals;
  private final CallControl control;
  private final CompletableFuture<Void> wake = new CompletableFuture<>();
  private volatile boolean startSent;

  public ContainerExecution(
      DockerClient docker,
      DockerRuntimeConfig config,
      ExecutionRequest request,
      ContainerPlan plan,
      NetworkGuard networks,
      ContainerRemovals removals) {
    this.docker = docker;
    this.config = config;
    this.request = request;
    this.plan = plan;
    this.networks = networks;
    this.removals = removals;
    this.control = CallControl.start(request);
    control.onStop(reason -> wake.complete(null));
  }

  /** Runs the call to its end; the container is gone when this returns. */
  public ExecutionResult run() {
    try (control) {
      return runContainer();
    }
  }

  private ExecutionResult runContainer() {
    OutputCapture stdout = control.capture(StreamKind.STDOUT);
    OutputCapture stderr = control.capture(StreamKind.STDERR);
    String id = create();
    OutputAttachment output = new OutputAttachment(stdout, stderr);
    ResultCallback.Adapter<Frame> input = null;
    boolean ended = false;
    try {
      docker
          .attachContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(true)
          .exec(output);
      awaitStarted(output, "output");
      StdinFeed feed = null;
      if (plan.openStdin()) {
        feed = new StdinFeed(request.stdin());
        input = new ResultCallback.Adapter<>();
        docker.attachContainerCmd(id).withStdIn(feed).withFollowStream(true).exec(input);
        awaitStarted(input, "input");
      }
      output.ended().whenComplete((v, e) -> wake.complete(null));
      startSent = true;
      start(id);
      if (feed != null) {
        ResultCallback.Adapter<Frame> inputToClose = input;
        feed.sent().whenComplete((v, e) -> closeQuietly(inputToClose));
      }
      control.awaitEnd(this::awaitWake);
      if (control.isStopped()) {
        // no exit code is reported for a stopped call: the forced removal below kills and
        // removes in one request, which keeps a timeout close to its deadline on a busy engine
        return result(id, Optional.empty(), null, stdout, stderr);
      }
      awaitQuietly(output.ended(), config.killGrace());
      Optional<Long> exitCode = waitForExit(id);
      // only a SIGKILL (137) can be the OOM killer: ask the engine then, save a request otherwise
      InspectContainerResponse.ContainerState state =
          exitCode.isEmpty() || exitCode.get() == 137L ? stateIfPresent(id) : null;
      ExecutionResult result = result(id, exitCode, state, stdout, stderr);
      ended = exitCode.isPresent();
      return result;
    } finally {
      closeQuietly(input);
      closeQuietly(output);
      if (ended) {
        // the program has ended: nothing runs there any more, the removal need not hold the result
        removals.removeEnded(id);
      } else {
        removals.removeNow(id);
      }
    }
  }

  /** Whether the container's start was asked for: from then on the skill may have run. */
  public boolean startSent() {
    return startSent;
  }

  /** Stops the call as cancelled (the runtime is closing); the calling thread cleans up. */
  public void abort() {
    control.stop(CallControl.StopReason.SHUTDOWN);
  }

  private String create() {
    plan.verifyMountsUnchanged(request.mounts());
    CreateContainerCmd cmd =
        docker
            .createContainerCmd(plan.image())
            .withUser(plan.user())
            .withEnv(plan.environment())
            .withLabels(plan.labels())
            .withTty(false)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withAttachStdin(plan.openStdin())
            .withStdinOpen(plan.openStdin())
            .withStdInOnce(plan.openStdin())
            .withHostConfig(plan.hostConfig());
    if (!plan.entrypoint().isEmpty()) {
      cmd.withEntrypoint(plan.entrypoint());
    }
    if (!plan.command().isEmpty()) {
      cmd.withCmd(plan.command());
    }
    plan.workingDir().ifPresent(cmd::withWorkingDir);
    plan.platform().ifPresent(cmd::withPlatform);
    try {
      return cmd.exec().getId();
    } catch (NotFoundException e) {
      networks.failIfMissing(plan.network());
      throw new SkillException(
          "the container for skill '"
              + request.skill()
              + "' could not be created: "
              + EngineConnector.describe(e)
              + " (is the image "
              + plan.image()
              + " present and the network "
              + plan.network()
              + " defined?)",
          e);
    } catch (DockerException e) {
      throw new SkillException(
          "the Docker engine refused the container for skill '"
              + request.skill()
              + "': "
              + EngineConnector.describe(e),
          e);
    }
  }

  /** Starts the container; an engine that refuses says why, and a missing network is named. */
  private void start(String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotFoundException e) {
      networks.failIfMissing(plan.network());
      throw new SkillException(
          "the container for skill '"
              + request.skill()
              + "' could not be started: "
              + EngineConnector.describe(e),
          e);
    } catch (DockerException e) {
      throw new SkillException(
          "the Docker engine could not start the container for skill '"
              + request.skill()
              + "': "
              + EngineConnector.describe(e),
          e);
    }
  }

  private void awaitStarted(ResultCallback.Adapter<Frame> callback, String what) {
    try {
      if (!callback.awaitStarted(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new SkillException(
            "the Docker engine did not attach the container's "
                + what
                + " within "
                + ATTACH_TIMEOUT.toSeconds()
                + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SkillException("interrupted while attaching to the container", e);
    }
  }

  /** Waits for the output to end or a stop; true unless the time ran out. */
  private boolean awaitWake(long nanos) throws InterruptedException {
    try {
      wake.get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      // the output stream failed; the exit code tells how the container ended
      return true;
    }
  }

  private void kill(String id) {
    try {
      docker.killContainerCmd(id).exec();
    } catch (NotFoundException | ConflictException | NotModifiedException e) {
      LOG.debug("container {} already ended: {}", id, e.getMessage());
    }
  }

  /**
   * The exit code once the engine reports the end. A busy engine may take a while after the output
   * closed, so this waits generously, then falls back to the inspected state; but never past the
   * call's deadline: a program that closed its output and runs on is stopped there, as a timeout.
   */
  private Optional<Long> waitForExit(String id) {
    Duration generous =
        EXIT_REPORT_TIMEOUT.compareTo(config.killGrace()) > 0
            ? EXIT_REPORT_TIMEOUT
            : config.killGrace();
    Duration toDeadline = Duration.ofNanos(Math.max(1_000_000L, control.remainingNanos()));
    Duration bound = toDeadline.compareTo(generous) < 0 ? toDeadline : generous;
    try (WaitContainerResultCallback wait =
        docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
      Integer code = wait.awaitStatusCode(bound.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.ofNullable(code).map(Integer::longValue);
    } catch (RuntimeException | IOException e) {
      InspectContainerResponse.ContainerState state = stateIfPresent(id);
      if (state == null) {
        return Optional.empty();
      }
      if (!Boolean.TRUE.equals(state.getRunning()) && state.getExitCodeLong() != null) {
        return Optional.of(state.getExitCodeLong());
      }
      if (control.remainingNanos() <= 0) {
        // still running at the deadline with its output closed: the forced removal kills it
        control.stop(CallControl.StopReason.TIMEOUT);
        return Optional.empty();
      }
      LOG.warn("container {} did not report its exit within {}: {}", id, bound, e.toString());
      kill(id);
      return Optional.empty();
    }
  }

  /**
   * A SIGKILL under a memory limit: on cgroup v1 the engine learns of the OOM kill from an event
   * that may come just after the exit, so ask again briefly before calling it a plain failure.
   */
  private boolean awaitOomFlag(String id) {
    for (int i = 0; i < 10; i++) {
      try {
        Thread.sleep(100);
        if (Boolean.TRUE.equals(inspectState(id).getOOMKilled())) {
          return true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (RuntimeException e) {
        LOG.debug("could not inspect {} for an OOM kill: {}", id, e.toString());
        return false;
      }
    }
    return false;
  }

  private InspectContainerResponse.ContainerState inspectState(String id) {
    return docker.inspectContainerCmd(id).exec().getState();
  }

  /**
   * The state, or null when the container is gone: another runtime's start-up removes a container
   * whose deadline passed, which only a call stuck past its own timeout can meet.
   */
  private InspectContainerResponse.@Nullable ContainerState stateIfPresent(String id) {
    try {
      return inspectState(id);
    } catch (NotFoundException e) {
      LOG.warn("container {} was removed before it reported its end", id);
      return null;
    }
  }

  private ExecutionResult result(
      String id,
      Optional<Long> exitCode,
      InspectContainerResponse.@Nullable ContainerState state,
      OutputCapture stdout,
      OutputCapture stderr) {
    boolean stopped = control.isStopped();
    boolean oomKilled = state != null && Boolean.TRUE.equals(state.getOOMKilled());
    if (!oomKilled
        && !stopped
        && exitCode.orElse(0L) == 137L
        && request.limits().memory().isPresent()) {
      oomKilled = awaitOomFlag(id);
    }
    ExecutionResult.Builder b;
    if (stopped) {
      b = control.stoppedResult("the container was killed");
    } else if (oomKilled) {
      b =
          ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
              .message(
                  "killed by the memory limit ("
                      + request.limits().memory().map(Object::toString).orElse("engine")
                      + ")")
              .metadata("limit", "memory");
    } else if (exitCode.orElse(-1L) == 0L) {
      b = ExecutionResult.builder(ExecutionStatus.SUCCEEDED);
    } else {
      b =
          ExecutionResult.builder(ExecutionStatus.FAILED)
              .message(
                  exitCode
                      .map(c -> "exited with " + c)
                      .orElse("the container's end was not reported"));
    }
    if (!stopped && exitCode.isPresent()) {
      b.exitCode((int) (long) exitCode.get());
    }
    return b.stdout(stdout.result())
        .stderr(stderr.result())
        .duration(control.elapsed())
        .metadata("container", id.substring(0, Math.min(12, id.length())))
        .metadata("image", plan.image())
        .metadata("network", plan.network())
        .metadata("user", plan.user())
        .build();
  }

  private static void awaitQuietly(CompletableFuture<Void> future, Duration timeout) {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("output stream did not end cleanly: {}", e.toString());
    }
  }

  private static void closeQuietly(@Nullable Closeable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("closing an attach failed: {}", e.toString());
      }
    }
  }
}
