package dev.skillrt.tck;

import dev.skillrt.api.CapturedOutput;
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
import dev.skillrt.api.DataSize;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A runtime whose "skills" are Java threads running an {@link InMemorySpec}. Correct unless built
 * with {@link Flaw}s, each of which breaks one promise of the contract on purpose, so that the
 * kit can be shown to catch it.
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
    /** Runs requests its policy denies (see {@link FlawedFacade}). */
    IGNORES_POLICY,
    /** Keeps serving after close (see {@link FlawedFacade}). */
    WORKS_AFTER_CLOSE,
    /** Shares one output buffer between concurrent calls. */
    SHARES_BUFFERS
  }

  /** Threads started by each call (by call id), so that tests can see what is left running. */
  static final Map<String, Set<Thread>> THREADS = new ConcurrentHashMap<>();

  private static final AtomicLong CALLS = new AtomicLong();
  private static volatile byte[] sharedBuffer = new byte[0];

  private final Set<Flaw> flaws;

  InMemorySkillRuntime(Set<Flaw> flaws) {
    super("in-memory");
    this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
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
  protected ExecutionResult run(ExecutionRequest request) {
    InMemorySpec spec = request.spec(InMemorySpec.class);
    String callId = Long.toString(CALLS.incrementAndGet());
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    THREADS.put(callId, threads);
    DataSize limit =
        flaws.contains(Flaw.IGNORES_OUTPUT_LIMIT)
            ? DataSize.ofBytes(Integer.MAX_VALUE - 16)
            : request.limits().effectiveOutputPerStream();
    AtomicReference<FutureTask<Integer>> body = new AtomicReference<>();
    AtomicBoolean overflowed = new AtomicBoolean();
    Runnable onOverflow =
        () -> {
          if (request.overflowAction() == OverflowAction.STOP) {
            overflowed.set(true);
            FutureTask<Integer> running = body.get();
            if (running != null) { // set before the body runs, so before any output
              running.cancel(true);
            }
          }
        };
    OutputCapture out = new OutputCapture(StreamKind.STDOUT, limit, request.outputListener(), onOverflow);
    OutputCapture err = new OutputCapture(StreamKind.STDERR, limit, request.outputListener(), onOverflow);
    byte[] stdin = flaws.contains(Flaw.DROPS_STDIN) ? new byte[0] : request.stdin();
    FutureTask<Integer> task = new FutureTask<>(() -> perform(spec, request, stdin, out, err, threads));
    body.set(task);
    Thread worker = new Thread(task, "in-memory-skill-" + callId);
    worker.setDaemon(true);
    threads.add(worker);
    worker.start();
    ExecutionStatus status;
    Integer exit = null;
    try (var registration = request.cancellation().onCancel(() -> task.cancel(true))) {
      Duration timeout = request.limits().timeout().orElse(Duration.ofDays(1));
      try {
        exit = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        status = exit == 0 ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED;
      } catch (TimeoutException e) {
        if (!flaws.contains(Flaw.LEAKS_ON_TIMEOUT)) {
          task.cancel(true);
          threads.forEach(Thread::interrupt);
        }
        status = ExecutionStatus.TIMED_OUT;
      } catch (CancellationException e) {
        threads.forEach(Thread::interrupt);
        status = overflowed.get() ? ExecutionStatus.KILLED_BY_LIMIT : ExecutionStatus.CANCELLED;
      } catch (ExecutionException e) {
        status = ExecutionStatus.FAILED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a skill", e);
      }
    }
    if (status != ExecutionStatus.TIMED_OUT || !flaws.contains(Flaw.LEAKS_ON_TIMEOUT)) {
      for (Thread t : threads) {
        try {
          t.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    CapturedOutput stdout = out.result();
    ExecutionResult.Builder result =
        ExecutionResult.builder(status).stdout(stdout).stderr(err.result()).metadata("call", callId);
    if (exit != null) {
      result.exitCode(exit);
    }
    return result.build();
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
        if (flaws.contains(Flaw.SHARES_BUFFERS)) {
          sharedBuffer = stdin;
          Thread.sleep(5);
          echoed = sharedBuffer;
        }
        out.accept(echoed, 0, echoed.length);
      }
      case PRINT_ENV -> {
        byte[] v = request.environment().getOrDefault(spec.argument(), "").getBytes(StandardCharsets.UTF_8);
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
