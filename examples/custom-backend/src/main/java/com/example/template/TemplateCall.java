package com.example.template;

import dev.skillrt.api.Cancellation;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.OverflowAction;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.OutputCapture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One call: write the text, wait, end; stopped early by its timeout, a cancel, a close or the output cap. */
final class TemplateCall {

  /** Why the runtime ended a call early. */
  private enum Stop {
    TIMEOUT,
    CANCEL,
    CLOSE,
    OUTPUT
  }

  private static final int CHUNK = 8192;

  private final String id;
  private final ExecutionRequest request;
  private final TemplateSpec spec;
  private final CompletableFuture<Stop> stop = new CompletableFuture<>();

  TemplateCall(String id, ExecutionRequest request) {
    this.id = id;
    this.request = request;
    this.spec = request.spec(TemplateSpec.class);
  }

  /** Ends the call as cancelled because its runtime closes. */
  void closing() {
    stop.complete(Stop.CLOSE);
  }

  ExecutionResult run() {
    long start = System.nanoTime();
    Deadline deadline = new Deadline(start, request.limits().timeout());
    OutputCapture stdout = capture(StreamKind.STDOUT);
    OutputCapture stderr = capture(StreamKind.STDERR);
    Cancellation.Registration cancel = request.cancellation().onCancel(() -> stop.complete(Stop.CANCEL));
    try {
      write(spec.stream() == StreamKind.STDERR ? stderr : stdout, deadline);
      waitFor(spec.delay(), deadline);
    } finally {
      cancel.close();
    }
    return result(stdout, stderr, Duration.ofNanos(System.nanoTime() - start));
  }

  private OutputCapture capture(StreamKind kind) {
    return new OutputCapture(
        kind,
        request.limits().effectiveOutputPerStream(),
        request.outputListener(),
        () -> {
          if (request.overflowAction() == OverflowAction.STOP) {
            stop.complete(Stop.OUTPUT);
          }
        });
  }

  /** Writes the text {@code repeat} times, in chunks of about 8 KiB, until done or stopped. */
  private void write(OutputCapture target, Deadline deadline) {
    byte[] text = spec.template().render(spec.arguments(), request.environment(), request.stdin());
    if (text.length == 0) {
      return;
    }
    int perChunk = (int) Math.max(1, Math.min(spec.repeat(), CHUNK / text.length));
    byte[] chunk = new byte[perChunk * text.length];
    for (int i = 0; i < perChunk; i++) {
      System.arraycopy(text, 0, chunk, i * text.length, text.length);
    }
    for (long left = spec.repeat(); left > 0 && !stop.isDone(); left -= perChunk) {
      if (deadline.nanosLeft() <= 0) {
        stop.complete(Stop.TIMEOUT);
        return;
      }
      target.accept(chunk, 0, (int) Math.min(left, perChunk) * text.length);
    }
  }

  /** Waits {@code delay}, or less when the call is stopped or its deadline comes first. */
  private void waitFor(Duration delay, Deadline deadline) {
    if (delay.isZero() || stop.isDone()) {
      return;
    }
    long delayNanos = saturatedNanos(delay);
    long timeLeft = deadline.nanosLeft();
    try {
      stop.get(Math.max(0, Math.min(delayNanos, timeLeft)), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (timeLeft < delayNanos) {
        stop.complete(Stop.TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.complete(Stop.CANCEL);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE : d.toNanos();
  }

  /** When the call's timeout runs out, counted from its start. */
  private record Deadline(long startNanos, java.util.Optional<Duration> timeout) {
    long nanosLeft() {
      return timeout.map(t -> saturatedNanos(t) - (System.nanoTime() - startNanos)).orElse(Long.MAX_VALUE);
    }
  }

  private ExecutionResult result(OutputCapture stdout, OutputCapture stderr, Duration took) {
    Stop why = stop.getNow(null);
    ExecutionResult.Builder b;
    if (why == null) {
      b = spec.exitCode() == 0
          ? ExecutionResult.builder(ExecutionStatus.SUCCEEDED).exitCode(0)
          : ExecutionResult.builder(ExecutionStatus.FAILED)
              .exitCode(spec.exitCode())
              .message("the template says to end with " + spec.exitCode());
    } else {
      b = switch (why) {
        case TIMEOUT -> ExecutionResult.builder(ExecutionStatus.TIMED_OUT)
            .message("timed out after " + request.limits().timeout().orElseThrow())
            .metadata("limit", "timeout");
        case CANCEL -> ExecutionResult.builder(ExecutionStatus.CANCELLED).message("cancelled");
        case CLOSE -> ExecutionResult.builder(ExecutionStatus.CANCELLED)
            .message("the template runtime was closed");
        case OUTPUT -> ExecutionResult.builder(ExecutionStatus.KILLED_BY_LIMIT)
            .message("output passed the limit of " + request.limits().effectiveOutputPerStream()
                + " per stream")
            .metadata("limit", "output");
      };
    }
    return b.stdout(stdout.result())
        .stderr(stderr.result())
        .duration(took)
        .metadata("call", id)
        .build();
  }
}
