package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionResult;
import java.util.Arrays;
import java.util.Map;

/** Checks that a stopped call left nothing running. */
final class CallChecks {

  private CallChecks() {}

  static void assertNothingLeftRunning(WasmSkillRuntime runtime, ExecutionResult result) {
    String call = result.metadata().get("call");
    String worker = result.metadata().get("thread");
    assertThat(call).as("the result names its call").startsWith("wasm-call-");
    assertThat(worker).as("the result names its worker").startsWith("skillrt-wasm-worker-");
    assertThat(runtime.runningCalls()).as("calls still running").doesNotContain(call);
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (e.getKey().getName().equals(worker) && e.getKey().isAlive()) {
        assertThat(Arrays.stream(e.getValue()).map(StackTraceElement::getClassName))
            .as("worker %s runs no module code", worker)
            .noneMatch(
                c -> c.startsWith("com.dylibso.chicory") || c.contains(".wasm.internal.ModuleRun"));
      }
    }
  }
}
