package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.CapturedOutput;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.OutputListener;
import dev.skillrt.api.StreamKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures one output stream up to a limit, streaming what it keeps to a listener. Past the limit
 * it drops the bytes, remembers it was truncated, and calls an overflow action once (which may stop
 * the skill). Memory stays bounded by the limit whatever the skill prints.
 *
 * <p>Fed by one thread at a time (a stream's reader); {@link #result()} may be called from any
 * thread, usually after the reader ended.
 */
@API(status = STABLE, since = "0.1")
public final class OutputCapture {

  private static final Logger LOG = LoggerFactory.getLogger(OutputCapture.class);

  private final StreamKind stream;
  private final int limit;
  private final OutputListener listener;
  private final Runnable onOverflow;
  private final ByteArrayOutputStream kept;
  private boolean listenerFailed;
  private boolean truncated;
  private long seen;

  /**
   * @param stream which stream this is
   * @param limit bytes to keep (at most 2 GiB - 1)
   * @param listener receives the kept bytes as they come
   * @param onOverflow called once, from the feeding thread, when the limit is first exceeded
   */
  public OutputCapture(
      StreamKind stream, DataSize limit, OutputListener listener, Runnable onOverflow) {
    this.stream = stream;
    this.limit = (int) Math.min(limit.bytes(), Integer.MAX_VALUE - 8);
    this.listener = listener;
    this.onOverflow = onOverflow;
    // most calls print little or nothing: start small, grow as output comes
    this.kept = new ByteArrayOutputStream(Math.min(this.limit, 256));
  }

  /** Takes bytes from the skill. */
  public void accept(byte[] buf, int off, int len) {
    boolean overflowNow = false;
    byte[] forListener = null;
    synchronized (this) {
      seen += len;
      int room = limit - kept.size();
      int take = Math.min(room, len);
      if (take > 0) {
        kept.write(buf, off, take);
        forListener = Arrays.copyOfRange(buf, off, off + take);
      }
      if (take < len && !truncated) {
        truncated = true;
        overflowNow = true;
      }
    }
    if (forListener != null) {
      notifyListener(forListener);
    }
    if (overflowNow) {
      onOverflow.run();
    }
  }

  /**
   * Reads {@code in} to its end (or until it fails because the skill was stopped) into this
   * capture. Keeps reading past the limit, dropping the bytes, so the skill never blocks on a full
   * pipe.
   */
  public void drain(InputStream in) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) != -1) {
        accept(buf, 0, n);
      }
    } catch (IOException e) {
      LOG.debug("{} reader ended: {}", stream, e.toString());
    }
  }

  /** An output stream that feeds this capture (for runtimes that are handed one). */
  public OutputStream asOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        accept(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        accept(b, off, len);
      }
    };
  }

  public synchronized boolean truncated() {
    return truncated;
  }

  /** Every byte the skill wrote to this stream, kept or not. */
  public synchronized long bytesSeen() {
    return seen;
  }

  public synchronized CapturedOutput result() {
    return new CapturedOutput(kept.toByteArray(), truncated);
  }

  private void notifyListener(byte[] chunk) {
    if (listenerFailed) {
      return;
    }
    try {
      listener.onOutput(stream, chunk);
    } catch (RuntimeException e) {
      listenerFailed = true;
      LOG.warn("output listener failed on {}; it gets no more output for this call", stream, e);
    }
  }
}
