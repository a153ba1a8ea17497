package dev.skillrt.runtime.docker.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The bytes for a container's stdin, as the stream docker-java copies into a hijacked attach.
 * docker-java flushes after every chunk it reads, so when the copier asks past the end, every byte
 * has been written to the socket: {@link #sent()} completes then, and closing that attach gives the
 * skill its end of input.
 */
final class StdinFeed extends InputStream {

  private final ByteArrayInputStream bytes;
  private final CompletableFuture<Void> sent = new CompletableFuture<>();

  StdinFeed(byte[] data) {
    this.bytes = new ByteArrayInputStream(data);
  }

  /** Completes once every byte was handed over and the copier asked for more. */
  CompletableFuture<Void> sent() {
    return sent;
  }

  @Override
  public int read() {
    int b = bytes.read();
    if (b < 0) {
      sent.complete(null);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) {
    int n = bytes.read(buf, off, len);
    if (n < 0) {
      sent.complete(null);
    }
    return n;
  }

  @Override
  public void close() {
    sent.complete(null);
  }
}
