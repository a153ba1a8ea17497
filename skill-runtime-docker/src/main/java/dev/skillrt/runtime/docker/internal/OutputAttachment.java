package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.skillrt.spi.OutputCapture;
import java.util.concurrent.CompletableFuture;

/**
 * Receives a container's stdout and stderr frames from one attach and feeds each to its capture.
 * {@link #ended()} completes when the engine closes the stream (the container ended) or fails.
 */
final class OutputAttachment extends ResultCallback.Adapter<Frame> {

  private final OutputCapture stdout;
  private final OutputCapture stderr;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  OutputAttachment(OutputCapture stdout, OutputCapture stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  CompletableFuture<Void> ended() {
    return ended;
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null || payload.length == 0) {
      return;
    }
    if (frame.getStreamType() == StreamType.STDERR) {
      stderr.accept(payload, 0, payload.length);
    } else if (frame.getStreamType() == StreamType.STDOUT
        || frame.getStreamType() == StreamType.RAW) {
      stdout.accept(payload, 0, payload.length);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    ended.completeExceptionally(throwable);
    super.onError(throwable);
  }

  @Override
  public void onComplete() {
    ended.complete(null);
    super.onComplete();
  }
}
