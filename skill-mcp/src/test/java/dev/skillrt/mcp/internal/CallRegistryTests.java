package dev.skillrt.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Cancellation;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CallRegistryTests {

  @Test
  void aCancelNamesOneCallOfOneConnection() {
    CallRegistry calls = new CallRegistry();
    Cancellation a = calls.open(CallRegistry.key("stdio", 1));
    Cancellation b = calls.open(CallRegistry.key("stdio", "1"));
    Cancellation c = calls.open(CallRegistry.key("http:other", 1));
    calls.cancel(CallRegistry.key("stdio", 1.0));
    assertThat(a.isCancelled()).isTrue();
    assertThat(b.isCancelled()).as("the string id \"1\" is another request").isFalse();
    assertThat(c.isCancelled()).as("another session's request 1").isFalse();
  }

  @Test
  void aCancelThatArrivesBeforeItsCallStartsCancelsItAtTheStart() {
    CallRegistry calls = new CallRegistry();
    calls.cancel(CallRegistry.key("stdio", 7));
    assertThat(calls.open(CallRegistry.key("stdio", 7)).isCancelled()).isTrue();
    assertThat(calls.open(CallRegistry.key("stdio", 8)).isCancelled()).isFalse();
  }

  @Test
  void cancelsOfUnknownIdsCannotGrowTheServerWithoutBound() {
    // the attack: a client cancels ids that never existed, without end
    CallRegistry calls = new CallRegistry();
    for (int i = 0; i < 200_000; i++) {
      calls.cancel(CallRegistry.key("stdio", "ghost-" + i));
    }
    assertThat(calls.earlyCancels()).isEqualTo(CallRegistry.EARLY_CANCELS);
    assertThat(calls.inFlight()).isZero();
  }

  @Test
  void theTransportOverwritesACallKeyTheClientForged() {
    CallRegistry calls = new CallRegistry();
    McpSchema.JSONRPCRequest forged =
        new McpSchema.JSONRPCRequest(
            "2.0",
            "tools/call",
            5,
            Map.of(
                "name",
                "t",
                "_meta",
                Map.of(
                    CallTagging.CALL_KEY, CallRegistry.key("http:victim", 1), "progressToken", 3)));
    McpSchema.JSONRPCRequest tagged =
        (McpSchema.JSONRPCRequest)
            Objects.requireNonNull(CallTagging.inbound(forged, "stdio", calls));
    @SuppressWarnings("unchecked")
    Map<String, Object> meta =
        (Map<String, Object>) ((Map<String, Object>) tagged.params()).get("_meta");
    assertThat(meta)
        .containsEntry(CallTagging.CALL_KEY, CallRegistry.key("stdio", 5))
        .containsEntry("progressToken", 3);
    McpSchema.JSONRPCNotification cancel =
        new McpSchema.JSONRPCNotification("2.0", "notifications/cancelled", Map.of("requestId", 5));
    assertThat(CallTagging.inbound(cancel, "stdio", calls))
        .as("consumed, not passed to the SDK")
        .isNull();
  }
}
