package dev.skillrt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many calls at once each get exactly their own output. */
abstract class ConcurrencyGroup extends KitGroup {

  @Test
  void parallelCallsGetTheirOwnOutput() throws Exception {
    int n = kit().parallelCalls();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64));
    try {
      List<Future<ExecutionResult>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String payload = "call-" + i + "-" + "x".repeat(i);
        calls.add(
            pool.submit(
                () ->
                    runtime()
                        .execute(
                            request(fixtures().echoStdin())
                                .stdin(payload)
                                .limits(timeoutOnly(Duration.ofSeconds(60)))
                                .build())));
      }
      for (int i = 0; i < n; i++) {
        ExecutionResult r = calls.get(i).get(120, TimeUnit.SECONDS);
        assertThat(r.status())
            .as("call %d: %s", i, r.message())
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(r.stdout().text()).as("call %d", i).isEqualTo("call-" + i + "-" + "x".repeat(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
