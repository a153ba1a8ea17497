package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Limits;
import dev.skillrt.api.OverflowAction;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A skill that prints 1 GiB costs the host a bounded capture, not a gigabyte of heap. The test JVM
 * runs with -Xmx256m (see pom.xml), so buffering the flood would fail outright; the heap is also
 * sampled while the flood runs.
 */
class OutputFloodTests {

  private static final long GIB = 1L << 30;

  private static final NativeSkillRuntime RUNTIME = NativeTestSupport.runtime();

  @AfterAll
  static void close() {
    RUNTIME.close();
  }

  @Test
  void aGibibyteDiscardedPastTheLimitKeepsTheHeapFlat() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(before);
    AtomicLong listened = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    ExecutionResult r;
    try {
      r =
          RUNTIME.execute(
              ExecutionRequest.builder(
                      "s",
                      "t",
                      NativeTestSupport.sh(
                          SandboxMode.NONE,
                          "head -c \"$1\" /dev/zero; echo end >&2",
                          Long.toString(GIB)))
                  .overflowAction(OverflowAction.DISCARD)
                  .outputListener(
                      (stream, chunk) -> {
                        if (stream == dev.skillrt.api.StreamKind.STDOUT) {
                          listened.addAndGet(chunk.length);
                        }
                      })
                  .limits(
                      Limits.builder()
                          .outputPerStream(DataSize.ofKibibytes(64))
                          .timeout(Duration.ofSeconds(120))
                          .build())
                  .build());
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    System.gc();
    long after = memory.getHeapMemoryUsage().getUsed();
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stderr().text()).isEqualTo("end\n");
    assertThat(r.stdout().size()).isEqualTo(64 * 1024);
    assertThat(r.stdout().truncated()).isTrue();
    assertThat(listened.get()).isEqualTo(64 * 1024);
    long mib = 1L << 20;
    System.out.printf(
        "1 GiB flood: heap before %d MiB, peak %d MiB, after %d MiB%n",
        before / mib, peak.get() / mib, after / mib);
    assertThat(peak.get() - before).as("heap growth while draining 1 GiB").isLessThan(64 * mib);
    assertThat(after - before).as("heap kept after the call").isLessThan(8 * mib);
  }

  @Test
  void aGibibyteWithStopIsCutShortAndFlagged() {
    long start = System.nanoTime();
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder(
                    "s",
                    "t",
                    NativeTestSupport.sh(
                        SandboxMode.NONE, "head -c \"$1\" /dev/zero", Long.toString(GIB)))
                .overflowAction(OverflowAction.STOP)
                .limits(Limits.builder().outputPerStream(DataSize.ofKibibytes(16)).build())
                .build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.status()).isEqualTo(ExecutionStatus.KILLED_BY_LIMIT);
    assertThat(r.metadata()).containsEntry("limit", "output");
    assertThat(r.stdout().size()).isEqualTo(16 * 1024);
    assertThat(r.stdout().truncated()).isTrue();
    assertThat(took).as("stopped, not drained to the end").isLessThan(Duration.ofSeconds(10));
  }
}
