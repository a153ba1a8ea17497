package dev.skillrt.runtime.nativeproc;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Limits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The program a child JVM (Java 21 or later) runs for {@link VirtualThreadTests}: one native call
 * made from a virtual thread, whose program outlives the 30 idle seconds after which the virtual
 * thread's carrier is retired. Prints the call's status and output.
 */
public final class VirtualThreadCall {

  private VirtualThreadCall() {}

  /** Arguments: the sandbox mode and how many seconds the program sleeps. */
  public static void main(String[] args) throws Exception {
    SandboxMode mode = SandboxMode.valueOf(args[0]);
    AtomicReference<ExecutionResult> result = new AtomicReference<>();
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime()) {
      Runnable call =
          () ->
              result.set(
                  runtime.execute(
                      ExecutionRequest.builder(
                              "s",
                              "t",
                              NativeTestSupport.sh(mode, "sleep \"$1\"; echo survived", args[1]))
                          .limits(Limits.builder().timeout(Duration.ofMinutes(2)).build())
                          .networkAllowed(mode == SandboxMode.NONE)
                          .build()));
      // Thread.startVirtualThread(call), which this Java 17 build cannot name
      Thread virtual =
          (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, call);
      virtual.join();
    }
    ExecutionResult r = java.util.Objects.requireNonNull(result.get(), "the call made no result");
    System.out.println(r.status() + " " + r.stdout().text().strip() + " " + r.message());
  }
}
