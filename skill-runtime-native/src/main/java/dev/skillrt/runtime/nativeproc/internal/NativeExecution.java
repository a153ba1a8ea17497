package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.CallControl;
import dev.skillrt.spi.OutputCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running call: starts the launch plan, feeds stdin, drains stdout and stderr concurrently into
 * bounded captures, and stops the whole process tree on timeout, cancellation, output overflow or
 * runtime shutdown. Everything it started is gone when {@link #await()} returns.
 */
public final class NativeExecution {

  private static final Logger LOG = LoggerFactory.getLogger(NativeExecution.class);

  /** Signal numbers the rlimits send (Linux). */
  private static final int SIGXCPU = 24;

  private static final int SIGXFSZ = 25;

  private static final Duration READER_DRAIN = Duration.ofSeconds(2);

  /** How often the descendants of a call without a PID namespace are recorded. */
  private static final Duration TRACK_INTERVAL = Duration.ofMillis(50);

  private final ExecutionRequest request;
  private final LaunchPlan plan;
  private final WorkingFolder folder;
  private final CallFolders folders;
  private final CallStarter starter;
  private final ExecutorService threads;
  private final Duration killGrace;
  private final boolean fileSizeLimited;
  private final Map<String, String> metadata;
  private final CallControl control;
  private final Object killLock = new Object();
  private @Nullable ProcessTree tree; // set when the process starts; guarded by killLock
  private @Nullable Future<?> killer;

  public NativeExecution(
      ExecutionRequest request,
      LaunchPlan plan,
      WorkingFolder folder,
      CallFolders folders,
      CallStarter starter,
      ExecutorService threads,
      Duration killGrace,
      boolean fileSizeLimited,
      Map<String, String> metadata) {
    this.request = request;
    this.plan = plan;
    this.folder = folder;
    this.folders = folders;
    this.starter = starter;
    this.threads = threads;
    this.killGrace = killGrace;
    this.fileSizeLimited = fileSizeLimited;
    this.metadata = Map.copyOf(metadata);
    this.control = CallControl.start(request);
  }

  /** Starts the process and waits for the call to end, whichever way. */
  public ExecutionResult await() throws IOException {
    try (control) {
      return awaitEnd();
    }
  }

  private ExecutionResult awaitEnd() throws IOException {
    OutputCapture out = control.capture(StreamKind.STDOUT);
    OutputCapture err = control.capture(StreamKind.STDERR);
    Process process;
    ProcessTree started;
    synchronized (killLock) {
      if (control.isStopped()) {
        folders.delete(folder);
        return control.stoppedResult("the program was not started").metadata(metadata).build();
      }
      process = starter.start(plan, folder, request.hasStdin() ? request.stdin() : null);
      started = new ProcessTree(process, plan.rootIsWrapper());
      tree = started;
    }
    control.onStop(reason -> startKilling());
    Future<?> stdoutReader;
    Future<?> stderrReader;
    Future<?> stdinWriter;
    try {
      stdoutReader = threads.submit(() -> out.drain(process.getInputStream()));
      stderrReader = threads.submit(() -> err.drain(process.getErrorStream()));
      stdinWriter =
          process instanceof ServedProcess
              ? java.util.concurrent.CompletableFuture.completedFuture(null) // sent with the call
              : feedStdin(process);
      if (!plan.rootIsWrapper()) {
        // no PID namespace to take the orphans along: remember every descendant while the call
        // runs, so one that later leaves the session and is reparented is still stopped
        threads.submit(() -> trackDescendants(process, started));
      }
    } catch (RejectedExecutionException e) {
      // the runtime closed between the policy check and the start: undo the start
      started.kill(Duration.ZERO);
      process.destroyForcibly();
      closeQuietly(process.getInputStream());
      closeQuietly(process.getErrorStream());
      folders.delete(folder);
      throw new IllegalStateException("the native runtime is closed; create a new one", e);
    }
    try {
      boolean ended =
          control.awaitEnd(nanos -> process.waitFor(nanos, TimeUnit.NANOSECONDS))
              && !control.isStopped();
      // the program is gone (or being stopped): nothing it left behind may outlive the call.
      // A wrapper that ended by itself took its PID namespace with it.
      if (!(ended && plan.rootIsWrapper())) {
        stopTree(started);
      }
      int exit = process.waitFor();
      finish(stdoutReader, StreamKind.STDOUT, process);
      finish(stderrReader, StreamKind.STDERR, process);
      closeQuietly(process.getInputStream());
      closeQuietly(process.getErrorStream());
      stdinWriter.cancel(true);
      return result(exit, out, err, process);
    } catch (InterruptedException e) {
      // interrupted again while cleaning up: the tree is being killed; report what is known
      Thread.currentThread().interrupt();
      control.stop(CallControl.StopReason.CANCELLED);
      return result(-1, out, err, process);
    } finally {
      folders.delete(folder);
    }
  }

  private void trackDescendants(Process process, ProcessTree started) {
    while (process.isAlive() && !control.isStopped()) {
      started.snapshot();
      try {
        Thread.sleep(TRACK_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the call as the runtime closes. Returns at once; safe from any thread. */
  public void stopForShutdown() {
    control.stop(CallControl.StopReason.SHUTDOWN);
  }

  private void startKilling() {
    synchronized (killLock) {
      ProcessTree started = tree;
      if (started != null && killer == null) {
        killer = threads.submit(() -> started.kill(killGrace));
      }
    }
  }

  private void stopTree(ProcessTree started) throws InterruptedException {
    Future<?> running;
    synchronized (killLock) {
      running = killer;
      if (running == null) {
        running = threads.submit(() -> started.kill(killGrace));
        killer = running;
      }
    }
    try {
      running.get();
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn("stopping the process tree failed", e.getCause());
    }
  }

  private Future<?> feedStdin(Process process) {
    if (!request.hasStdin()) {
      closeQuietly(process.getOutputStream());
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    byte[] bytes = request.stdin();
    return threads.submit(
        () -> {
          try (OutputStream in = process.getOutputStream()) {
            in.write(bytes);
          } catch (IOException e) {
            // the skill stopped reading or ended: what it did not take is its own business
            LOG.debug("stdin not fully taken: {}", e.toString());
          }
        });
  }

  private void finish(Future<?> reader, StreamKind stream, Process process)
      throws InterruptedException {
    try {
      reader.get(READER_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // a process outside our reach still holds the pipe; close our end and move on
      LOG.warn(
          "the {} of {} stayed open after the process tree ended; closing it",
          stream,
          redacted(request.spec().describe()));
      closeQuietly(
          stream == StreamKind.STDOUT ? process.getInputStream() : process.getErrorStream());
      reader.cancel(true);
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn("reading {} failed", stream, e.getCause());
    }
  }

  private ExecutionResult result(int exit, OutputCapture out, OutputCapture err, Process process) {
    ExecutionResult.Builder b =
        control.isStopped()
            ? control.stoppedResult("the process tree was stopped")
            : exitResult(exit);
    return b.stdout(out.result())
        .stderr(err.result())
        .metadata(metadata)
        .metadata("pid", Long.toString(process.pid()))
        .duration(control.elapsed())
        .build();
  }

  private ExecutionResult.Builder exitResult(int exit) {
    if (exit == 0) {
      return ExecutionResult.builder(ExecutionStatus.SUCCEEDED).exitCode(0);
    }
    if (exit == 128 + SIGXCPU && request.limits().cpuTime().isPresent()) {
      return ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
          .exitCode(exit)
          .message("used its CPU time of " + request.limits().cpuTime().get())
          .metadata("limit", "cpu_time");
    }
    if (exit == 128 + SIGXFSZ && fileSizeLimited) {
      return ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
          .exitCode(exit)
          .message("wrote a file past the file size limit")
          .metadata("limit", "file_size");
    }
    return ExecutionResult.builder(ExecutionStatus.FAILED)
        .exitCode(exit)
        .message(exit > 128 ? "ended by signal " + (exit - 128) : "exited with " + exit);
  }

  /** The text with every secret value of the request replaced, for logs. */
  private String redacted(String text) {
    String out = text;
    for (String secret : request.secretValues()) {
      out = out.replace(secret, "****");
    }
    return out;
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
