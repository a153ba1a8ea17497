package dev.skillrt.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.StreamKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputCaptureTests {

  @Test
  void keepsUpToTheLimitFlagsTruncationAndCallsOverflowOnce() {
    AtomicInteger overflows = new AtomicInteger();
    ByteArrayOutputStream listened = new ByteArrayOutputStream();
    OutputCapture capture =
        new OutputCapture(
            StreamKind.STDOUT,
            DataSize.ofBytes(10),
            (stream, chunk) -> listened.writeBytes(chunk),
            overflows::incrementAndGet);

    capture.accept("hello ".getBytes(), 0, 6);
    capture.accept("world, and more".getBytes(), 0, 15);
    capture.accept("even more".getBytes(), 0, 9);

    assertThat(capture.result().text()).isEqualTo("hello worl");
    assertThat(capture.result().truncated()).isTrue();
    assertThat(capture.bytesSeen()).isEqualTo(30);
    assertThat(overflows).hasValue(1);
    assertThat(listened.toString()).isEqualTo("hello worl");
  }

  @Test
  void drainingAHugeStreamKeepsMemoryBounded() {
    long total = 256L * 1024 * 1024;
    InputStream flood =
        new InputStream() {
          long left = total;

          @Override
          public int read() {
            return left-- > 0 ? 'x' : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) return -1;
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
          }
        };
    OutputCapture capture =
        new OutputCapture(StreamKind.STDERR, DataSize.ofKibibytes(64), (s, c) -> {}, () -> {});

    capture.drain(flood);

    assertThat(capture.bytesSeen()).isEqualTo(total);
    assertThat(capture.result().size()).isEqualTo(64 * 1024);
    assertThat(capture.result().truncated()).isTrue();
  }

  @Test
  void aFailingListenerIsDroppedButCaptureGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    OutputCapture capture =
        new OutputCapture(
            StreamKind.STDOUT,
            DataSize.ofKibibytes(1),
            (stream, chunk) -> {
              calls.incrementAndGet();
              throw new IllegalStateException("listener bug");
            },
            () -> {});
    capture.accept("a".getBytes(), 0, 1);
    capture.accept("b".getBytes(), 0, 1);
    assertThat(capture.result().text()).isEqualTo("ab");
    assertThat(calls).hasValue(1);
  }
}
