package dev.skillrt.spi;

import dev.skillrt.api.OutputListener;
import dev.skillrt.api.SecretRedactor;
import dev.skillrt.api.StreamKind;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands between a runtime and the caller's listener: masks secret values in each stream as it
 * comes, holding back the few bytes that could still begin a secret until more output or the end of
 * the call shows what they are. A listener that throws gets nothing more on that stream, as with
 * {@link OutputCapture}.
 */
final class MaskingOutputListener implements OutputListener {

  private static final Logger LOG = LoggerFactory.getLogger(MaskingOutputListener.class);

  private final OutputListener target;
  private final Map<StreamKind, Stream> streams = new EnumMap<>(StreamKind.class);

  /** One stream's mask and whether its listener failed; guarded by itself. */
  private static final class Stream {
    final SecretRedactor.StreamMask mask;
    boolean failed;

    Stream(SecretRedactor.StreamMask mask) {
      this.mask = mask;
    }
  }

  MaskingOutputListener(SecretRedactor redactor, OutputListener target) {
    this.target = target;
    for (StreamKind kind : StreamKind.values()) {
      streams.put(kind, new Stream(redactor.newStreamMask()));
    }
  }

  @Override
  public void onOutput(StreamKind stream, byte[] chunk) {
    Stream s = streamOf(stream);
    synchronized (s) {
      deliver(stream, s, s.mask.write(chunk, 0, chunk.length));
    }
  }

  /** After the call: sends what was held back, with a secret cut at the limit masked. */
  void finish(StreamKind stream, boolean truncated) {
    Stream s = streamOf(stream);
    synchronized (s) {
      deliver(stream, s, s.mask.finish(truncated));
    }
  }

  private Stream streamOf(StreamKind kind) {
    Stream s = streams.get(kind);
    if (s == null) { // the constructor makes one for every kind
      throw new IllegalStateException("no output mask for the stream " + kind);
    }
    return s;
  }

  private void deliver(StreamKind stream, Stream s, byte[] bytes) {
    if (bytes.length == 0 || s.failed) {
      return;
    }
    try {
      target.onOutput(stream, bytes);
    } catch (RuntimeException e) {
      s.failed = true;
      LOG.warn("output listener failed on {}; it gets no more output for this call", stream, e);
    }
  }
}
