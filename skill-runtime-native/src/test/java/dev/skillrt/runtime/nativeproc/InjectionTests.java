package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Arguments reach the program as they were given: one argv element each, never interpreted. */
class InjectionTests {

  private static final NativeSkillRuntime RUNTIME = NativeTestSupport.runtime();

  private static final List<String> HOSTILE =
      List.of(
          "; rm -rf /",
          "$(id)",
          "`id`",
          "\"double\" and 'single' quotes",
          "line one\nline two",
          "-n",
          "--help",
          "a b\tc",
          "*",
          "$HOME",
          "> /tmp/skillrt-injected",
          "| cat /etc/passwd",
          "");

  @AfterAll
  static void close() {
    RUNTIME.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void hostileArgumentsStayLiteralSingleArguments(SandboxMode mode) {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder(
                    "s",
                    "t",
                    NativeTestSupport.fixture(mode, "echo-argv.sh", HOSTILE.toArray(String[]::new)))
                .mount(NativeTestSupport.fixturesMount())
                .networkAllowed(mode == SandboxMode.NONE)
                .build());
    assertThat(r.status()).as(r.message() + r.stderr().text()).isEqualTo(ExecutionStatus.SUCCEEDED);
    StringBuilder expected = new StringBuilder();
    for (String arg : HOSTILE) {
      expected.append('[').append(arg).append("]\n");
    }
    assertThat(r.stdout().text()).isEqualTo(expected.toString());
    assertThat(Files.exists(Path.of("/tmp/skillrt-injected"))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void theProgramItselfGetsALeadingDashArgumentNotTheHelpers(SandboxMode mode) {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    // prlimit, setsid, unshare and bwrap sit in front of the program; none may eat "-n"
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder(
                    "s",
                    "t",
                    new dev.skillrt.runtime.nativeproc.CommandSpec(
                        "/bin/echo", List.of("-n", "--", "x"), List.of("echo"), List.of(), mode))
                .limits(
                    dev.skillrt.api.Limits.builder()
                        .memory(dev.skillrt.api.DataSize.ofMebibytes(512))
                        .build())
                .networkAllowed(mode == SandboxMode.NONE)
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("-- x");
  }
}
