package com.example.template;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.CallControl;
import dev.skillrt.spi.OutputCapture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One call: write the text, wait, end. Stopped early by its timeout, a cancel, a close or the
 * output cap, all handled by the SPI's {@link CallControl}, which also shapes the stopped result
 * as every runtime does.
 */
final class TemplateCall {

  private static final int CHUNK = 8192;

  private final String id;
  private final ExecutionRequest request;
  private final TemplateSpec spec;
  private final CallControl control;
  private final CountDownLatch stopped = new CountDownLatch(1);

  TemplateCall(String id, ExecutionRequest request) {
    this.id = id;
    this.request = request;
    this.spec = request.spec(TemplateSpec.class);
    this.control = CallControl.start(request);
    control.onStop(reason -> stopped.countDown());
  }

  /** Ends the call as cancelled because its runtime closes. */
  void closing() {
    control.stop(CallControl.StopReason.SHUTDOWN);
  }

  ExecutionResult run() {
    try (control) {
      OutputCapture stdout = control.capture(StreamKind.STDOUT);
      OutputCapture stderr = control.capture(StreamKind.STDERR);
      write(spec.stream() == StreamKind.STDERR ? stderr : stdout);
      waitFor(spec.delay());
      ExecutionResult.Builder b;
      if (control.isStopped()) {
        b = control.stoppedResult("");
      } else if (spec.exitCode() == 0) {
        b = ExecutionResult.builder(ExecutionStatus.SUCCEEDED).exitCode(0);
      } else {
        b = ExecutionResult.builder(ExecutionStatus.FAILED)
            .exitCode(spec.exitCode())
            .message("the template says to end with " + spec.exitCode());
      }
      return b.stdout(stdout.result())
          .stderr(stderr.result())
          .duration(control.elapsed())
          .metadata("call", id)
          .build();
    }
  }

  /** Writes the text {@code repeat} times, in chunks of about 8 KiB, until done or stopped. */
  private void write(OutputCapture target) {
    byte[] text = spec.template().render(spec.arguments(), request.environment(), request.stdin());
    if (text.length == 0) {
      return;
    }
    int perChunk = (int) Math.max(1, Math.min(spec.repeat(), CHUNK / text.length));
    byte[] chunk = new byte[perChunk * text.length];
    for (int i = 0; i < perChunk; i++) {
      System.arraycopy(text, 0, chunk, i * text.length, text.length);
    }
    for (long left = spec.repeat(); left > 0 && !control.isStopped(); left -= perChunk) {
      if (control.remainingNanos() == 0) {
        control.stop(CallControl.StopReason.TIMEOUT);
        return;
      }
      target.accept(chunk, 0, (int) Math.min(left, perChunk) * text.length);
    }
  }

  /** Waits {@code delay}, or less when the call is stopped or its deadline comes first. */
  private void waitFor(Duration delay) {
    if (delay.isZero() || control.isStopped()) {
      return;
    }
    long delayNanos = delay.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE : delay.toNanos();
    if (delayNanos < control.remainingNanos()) {
      // the delay ends before the deadline: only a stop can cut it short
      try {
        stopped.await(delayNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        control.stop(CallControl.StopReason.CANCELLED);
      }
    } else {
      // the deadline comes first: awaitEnd stops the call as timed out when it passes
      control.awaitEnd(nanos -> stopped.await(nanos, TimeUnit.NANOSECONDS));
    }
  }
}
