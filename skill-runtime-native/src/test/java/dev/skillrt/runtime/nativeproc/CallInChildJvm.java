package dev.skillrt.runtime.nativeproc;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The program a child JVM runs for {@link JvmDeathTests}: one native call that sleeps for minutes,
 * its environment marked so the test can find its processes. The test kills this JVM outright.
 */
public final class CallInChildJvm {

  private CallInChildJvm() {}

  /** Arguments: the sandbox mode, the mark and the {@code launcher} setting. */
  public static void main(String[] args) {
    SandboxMode mode = SandboxMode.valueOf(args[0]);
    try (NativeSkillRuntime runtime = NativeTestSupport.runtime(Map.of("launcher", args[2]))) {
      runtime.execute(
          ExecutionRequest.builder(
                  "s",
                  "t",
                  new CommandSpec("/bin/sleep", List.of("300"), List.of("sleep"), List.of(), mode))
              .environment(Map.of(JvmDeathTests.MARK, args[1]))
              .limits(Limits.builder().timeout(Duration.ofMinutes(10)).build())
              .networkAllowed(mode == SandboxMode.NONE)
              .build());
    }
  }
}
