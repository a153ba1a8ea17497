package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.LimitKind;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.AbstractSkillRuntime;
import dev.skillrt.spi.OutputCapture;
import dev.skillrt.spi.RuntimeCapabilities;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A runtime whose "skills" are Java threads running an {@link InMemorySpec}. Correct unless built
 * with {@link Flaw}s, each of which breaks one promise of the contract on purpose, so that the kit
 * can be shown to catch it.
 */
final class InMemorySkillRuntime extends AbstractSkillRuntime {

  /** One deliberate defect each. */
  enum Flaw {
    /** Never feeds standard input. */
    DROPS_STDIN,
    /** Captures everything, whatever the limit. */
    IGNORES_OUTPUT_LIMIT,
    /** Reports a timeout but leaves the skill's threads running. */
    LEAKS_ON_TIMEOUT,
    /** Lets a call run on after its cancellation. */
    IGNORES_CANCELLATION,
    /** Closes without stopping the calls in flight. */
    IGNORES_CLOSE_IN_FLIGHT,
    /** Gives a stopped call an exit code and no message. */
    SLOPPY_STOP_RESULTS,
    /** Runs a request whose limits it cannot enforce (see {@link FlawedFacade}). */
    IGNORES_UNSUPPORTED_LIMITS,
    /** Runs requests its policy denies (see {@link FlawedFacade}). */
    IGNORES_POLICY,
    /** Keeps serving after close (see {@link FlawedFacade}). */
    WORKS_AFTER_CLOSE,
    /** Shares one output buffer between concurrent calls. */
    SHARES_BUFFERS
  }

  /** Why the runtime stopped a call. */
  private enum Stop {
    OUTPUT,
    CANCEL,
    CLOSE
  }

  /** Threads started by each call (by call id), so that tests can see what is left running. */
  static final Map<String, Set<Thread>> THREADS = new ConcurrentHashMap<>();

  private static final AtomicLong CALLS = new AtomicLong();
  private static volatile byte[] sharedBuffer = new byte[0];

  private final Set<Flaw> flaws;
  private final Map<String, Runnable> closers = new ConcurrentHashMap<>();

  InMemorySkillRuntime(Set<Flaw> flaws) {
    super("in-memory");
    this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
  }

  /** Fails when a thread of the call that gave {@code result} is still alive. */
  static void assertNoThreadLeft(ExecutionResult result) {
    String call = result.metadata().get("call");
    assertThat(call).as("the result names its call").isNotNull();
    for (Thread t : THREADS.getOrDefault(call, Set.of())) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertThat(t.isAlive())
          .as("thread %s of call %s is still running", t.getName(), call)
          .isFalse();
    }
  }

  /** Throws when closed, as a runtime must. */
  void requireOpen() {
    ensureOpen();
  }

  boolean has(Flaw flaw) {
    return flaws.contains(flaw);
  }

  @Override
  public RuntimeCapabilities capabilities() {
    return new RuntimeCapabilities(
        EnumSet.of(LimitKind.TIMEOUT, LimitKind.OUTPUT), false, false, true, true);
  }

  @Override
  protected void shutdown() {
    if (!has(Flaw.IGNORES_CLOSE_IN_FLIGHT)) {
      closers.values().forEach(Runnable::run);
    }
  }

  @Override
  protected ExecutionResult run(ExecutionRequest request) {
    long start = System.nanoTime();
    InMemorySpec spec = request.spec(InMemorySpec.class);
    String callId = Long.toString(CALLS.incrementAndGet());
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    THREADS.put(callId, threads);
    DataSize limit =
        has(Flaw.IGNORES_OUTPUT_LIMIT)
            ? DataSize.ofBytes(Integer.MAX_VALUE - 16)
            : request.limits().effectiveOutputPerStream();
    AtomicReference<FutureTask<Integer>> body = new AtomicReference<>();
    AtomicReference<Stop> stop = new AtomicReference<>();
    Runnable onOverflow =
        () -> {
          if (request.overflowAction() == OverflowAction.STOP) {
            stop.compareAndSet(null, Stop.OUTPUT);
            FutureTask<Integer> running = body.get();
            if (running != null) { // set before the body runs, so before any output
              running.cancel(true);
            }
          }
        };
    OutputCapture out =
        new OutputCapture(StreamKind.STDOUT, limit, request.outputListener(), onOverflow);
    OutputCapture err =
        new OutputCapture(StreamKind.STDERR, limit, request.outputListener(), onOverflow);
    byte[] stdin = has(Flaw.DROPS_STDIN) ? new byte[0] : request.stdin();
    FutureTask<Integer> task =
        new FutureTask<>(() -> perform(spec, request, stdin, out, err, threads));
    body.set(task);
    Thread worker = new Thread(task, "in-memory-skill-" + callId);
    worker.setDaemon(true);
    threads.add(worker);
    closers.put(
        callId,
        () -> {
          stop.compareAndSet(null, Stop.CLOSE);
          task.cancel(true);
        });
    ExecutionResult.Builder result;
    Duration timeout = request.limits().timeout().orElse(Duration.ofDays(1));
    // registered before the start, so that a call cancelled already never runs
    try (var registration =
        request
            .cancellation()
            .onCancel(
                () -> {
                  if (!has(Flaw.IGNORES_CANCELLATION)) {
                    stop.compareAndSet(null, Stop.CANCEL);
                    task.cancel(true);
                  }
                })) {
      worker.start();
      int exit = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      result =
          exit == 0
              ? ExecutionResult.builder(ExecutionStatus.SUCCEEDED).exitCode(0)
              : ExecutionResult.builder(ExecutionStatus.FAILED)
                  .exitCode(exit)
                  .message("exited with " + exit);
    } catch (TimeoutException e) {
      if (!has(Flaw.LEAKS_ON_TIMEOUT)) {
        task.cancel(true);
        threads.forEach(Thread::interrupt);
      }
      result =
          stopped(
                  ExecutionStatus.TIMED_OUT,
                  "timed out after " + timeout + "; its threads were stopped")
              .metadata("limit", "timeout");
    } catch (CancellationException e) {
      threads.forEach(Thread::interrupt);
      result =
          // every cancel of the task names its reason first
          switch (java.util.Objects.requireNonNullElse(stop.get(), Stop.CANCEL)) {
            case OUTPUT ->
                stopped(
                        ExecutionStatus.KILLED_BY_LIMIT,
                        "output passed the limit of "
                            + limit
                            + " per stream; its threads were stopped")
                    .metadata("limit", "output");
            case CLOSE -> stopped(ExecutionStatus.CANCELLED, "the in-memory runtime was closed");
            case CANCEL ->
                stopped(ExecutionStatus.CANCELLED, "cancelled; its threads were stopped");
          };
    } catch (ExecutionException e) {
      result = ExecutionResult.builder(ExecutionStatus.FAILED).message("failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a skill", e);
    } finally {
      closers.remove(callId);
    }
    if (!has(Flaw.LEAKS_ON_TIMEOUT)) {
      for (Thread t : threads) {
        try {
          t.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return result
        .stdout(out.result())
        .stderr(err.result())
        .metadata("call", callId)
        .duration(Duration.ofNanos(System.nanoTime() - start))
        .build();
  }

  private ExecutionResult.Builder stopped(ExecutionStatus status, String message) {
    return has(Flaw.SLOPPY_STOP_RESULTS)
        ? ExecutionResult.builder(status).exitCode(137)
        : ExecutionResult.builder(status).message(message);
  }

  private int perform(
      InMemorySpec spec,
      ExecutionRequest request,
      byte[] stdin,
      OutputCapture out,
      OutputCapture err,
      Set<Thread> threads)
      throws InterruptedException {
    switch (spec.action()) {
      case ECHO -> {
        byte[] echoed = stdin;
        if (has(Flaw.SHARES_BUFFERS)) {
          sharedBuffer = stdin;
          Thread.sleep(5);
          echoed = sharedBuffer;
        }
        out.accept(echoed, 0, echoed.length);
      }
      case PRINT_ENV -> {
        byte[] v =
            request
                .environment()
                .getOrDefault(spec.argument(), "")
                .getBytes(StandardCharsets.UTF_8);
        out.accept(v, 0, v.length);
      }
      case STDERR -> {
        byte[] v = spec.argument().getBytes(StandardCharsets.UTF_8);
        err.accept(v, 0, v.length);
      }
      case EXIT -> {
        return Integer.parseInt(spec.argument());
      }
      case WRITE_STDOUT, WRITE_STDERR -> {
        OutputCapture target = spec.action() == InMemorySpec.Action.WRITE_STDOUT ? out : err;
        long left = Long.parseLong(spec.argument());
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'x');
        while (left > 0) {
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          int n = (int) Math.min(left, chunk.length);
          target.accept(chunk, 0, n);
          left -= n;
        }
      }
      case SLEEP -> Thread.sleep(Long.MAX_VALUE);
      case ANNOUNCE_AND_SLEEP -> {
        byte[] line = "started\n".getBytes(StandardCharsets.UTF_8);
        out.accept(line, 0, line.length);
        Thread.sleep(Long.MAX_VALUE);
      }
      case SPAWN_AND_SLEEP -> {
        Thread child =
            new Thread(
                () -> {
                  try {
                    Thread.sleep(Long.MAX_VALUE);
                  } catch (InterruptedException e) {
                    // stopped
                  }
                },
                "in-memory-child");
        child.setDaemon(true);
        threads.add(child);
        child.start();
        Thread.sleep(Long.MAX_VALUE);
      }
    }
    return 0;
  }
}
