package dev.skillrt.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.StreamKind;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpLoggableSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A hostile skill's output flood turns into few, small progress notifications. */
class ProgressReporterTests {

  /** Records what the reporter sends (edge logic: the protocol itself is tested end to end). */
  static final class RecordingSession implements McpLoggableSession {
    final List<McpSchema.ProgressNotification> sent = new CopyOnWriteArrayList<>();

    @Override
    public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
      return Mono.empty();
    }

    @Override
    public Mono<Void> sendNotification(String method, Object params) {
      return Mono.fromRunnable(() -> sent.add((McpSchema.ProgressNotification) params));
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }

    @Override
    public void close() {}

    @Override
    public void setMinLoggingLevel(McpSchema.LoggingLevel level) {}

    @Override
    public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
      return true;
    }
  }

  private static McpAsyncServerExchange exchange(RecordingSession session) {
    return new McpAsyncServerExchange("s", session, null, null, McpTransportContext.EMPTY);
  }

  @Test
  void aFloodOfOutputBecomesAtMostTenSmallNotificationsASecond() {
    RecordingSession session = new RecordingSession();
    ProgressReporter reporter = new ProgressReporter(exchange(session), "tok");
    byte[] hugeLine = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      reporter.onOutput(StreamKind.STDOUT, hugeLine);
      reporter.onOutput(StreamKind.STDERR, "line\u001b[31m red\n".getBytes(StandardCharsets.UTF_8));
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(session.sent)
        .hasSizeLessThanOrEqualTo((int) (elapsedMillis / ProgressReporter.INTERVAL_MILLIS) + 1);
    assertThat(session.sent)
        .allSatisfy(
            n -> {
              assertThat(n.message().length()).isLessThanOrEqualTo(ProgressReporter.MAX_MESSAGE);
              assertThat(n.message()).doesNotContain("\u001b");
              assertThat(n.progressToken()).isEqualTo("tok");
            });
  }

  @Test
  void theMessageIsTheLatestLine() throws Exception {
    RecordingSession session = new RecordingSession();
    ProgressReporter reporter = new ProgressReporter(exchange(session), 9);
    reporter.onOutput(StreamKind.STDOUT, "first\nsecond\nthi".getBytes(StandardCharsets.UTF_8));
    assertThat(session.sent).hasSize(1);
    assertThat(session.sent.get(0).message()).isEqualTo("second");
    assertThat(session.sent.get(0).progress()).isEqualTo(16.0);
    Thread.sleep(ProgressReporter.INTERVAL_MILLIS + 20);
    reporter.onOutput(StreamKind.STDOUT, "rd\n".getBytes(StandardCharsets.UTF_8));
    assertThat(session.sent).hasSize(2);
    assertThat(session.sent.get(1).message()).isEqualTo("third");
  }
}
