package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.CapturedOutput;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.RuntimeUnavailableException;
import dev.skillrt.api.SkillException;
import dev.skillrt.api.Violation;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToolResultTextTests {

  /** One row: how a call ended, and the whole text the model gets. */
  static Stream<Arguments> table() {
    return Stream.of(
        row(
            "success: stdout as printed, nothing added",
            result(ExecutionStatus.SUCCEEDED)
                .exitCode(0)
                .stdout(out("Hello, World!\n"))
                .stderr(out("a warning\n")),
            "Hello, World!\n"),
        row(
            "success with no output: empty text",
            result(ExecutionStatus.SUCCEEDED).exitCode(0),
            ""),
        row(
            "failure with an exit code and stderr",
            result(ExecutionStatus.FAILED)
                .exitCode(3)
                .message("exited with 3")
                .stdout(out("partial\n"))
                .stderr(out("no such file: x\n")),
            "git/log failed: it exited with code 3; the end of its stderr:\nno such file: x\n"
                + "Read its stderr, then change the arguments or try another way."),
        row(
            "failure without stderr",
            result(ExecutionStatus.FAILED).exitCode(1).message("exited with 1"),
            "git/log failed: it exited with code 1. Read its stderr, then change the arguments or try another way."),
        row(
            "failure without an exit code (a WASM trap)",
            result(ExecutionStatus.FAILED).message("trap: unreachable"),
            "git/log failed (trap: unreachable). Change the arguments or try another way."),
        row(
            "a long stderr: only its end",
            result(ExecutionStatus.FAILED).exitCode(2).stderr(out("x".repeat(1000) + "THE END")),
            "git/log failed: it exited with code 2; the end of its stderr:\n..."
                + "x".repeat(393)
                + "THE END\n"
                + "Read its stderr, then change the arguments or try another way."),
        row(
            "timeout",
            result(ExecutionStatus.TIMED_OUT).duration(Duration.ofSeconds(5)),
            "git/log timed out after 5 s and was stopped. Retry with less work; its timeout is set in the manifest."),
        row(
            "denial: every distinct violation",
            ExecutionResult.builder(ExecutionStatus.DENIED),
            "git/log was denied by policy and did not run:\n  [native.allowlist] sh is not on the allow-list\n"
                + "  [engine.network] network access is off\n"
                + "Do not retry the same call; the operator's policy must change first."),
        row(
            "a memory limit",
            result(ExecutionStatus.KILLED_BY_LIMIT).message("memory limit 16 MiB reached"),
            "git/log was stopped at a limit (memory limit 16 MiB reached). Ask it for less output or less work."),
        row(
            "the output limit",
            result(ExecutionStatus.KILLED_BY_LIMIT)
                .message("output limit")
                .stdout(new CapturedOutput(new byte[] {'a'}, true)),
            "git/log was stopped at a limit (output limit); its output was cut at the output limit. Ask it for less"
                + " output or less work."),
        row("cancellation", result(ExecutionStatus.CANCELLED), "git/log was cancelled."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theTextOfEachWayACallEnds(String name, ExecutionResult result, String expected) {
    assertThat(ToolResultText.of("git", "log", result)).isEqualTo(expected);
  }

  @Test
  void aDenialWithoutViolationsGivesItsMessage() {
    ExecutionResult r =
        ExecutionResult.builder(ExecutionStatus.DENIED).message("refused by the runtime").build();
    assertThat(ToolResultText.of("git", "log", r))
        .isEqualTo(
            "git/log was denied by policy and did not run:\n  refused by the runtime\n"
                + "Do not retry the same call; the operator's policy must change first.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aCallThatNeverStarted(String name, SkillException refusal, String expected) {
    assertThat(ToolResultText.notRun("git", "log", refusal)).isEqualTo(expected);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "bad arguments: the engine's message, naming the parameter",
            new ConfigurationException(
                "tool \"git/log\": parameter \"n\" must be of type integer, found a string"),
            "git/log did not run: tool \"git/log\": parameter \"n\" must be of type integer, found a string\n"
                + "Correct the arguments and call again."),
        Arguments.of(
            "an unknown instance",
            NotFoundException.of(NotFoundException.Kind.INSTANCE, "prod", List.of("dev")),
            "git/log did not run: "
                + NotFoundException.of(NotFoundException.Kind.INSTANCE, "prod", List.of("dev"))
                    .getMessage()
                + "\nCorrect the arguments and call again."),
        Arguments.of(
            "a runtime that cannot start: not the arguments' fault",
            new RuntimeUnavailableException(
                "docker", List.of("unix:///run/docker.sock: connection refused")),
            "git/log could not run: "
                + new RuntimeUnavailableException(
                        "docker", List.of("unix:///run/docker.sock: connection refused"))
                    .getMessage()
                + "\nThis is not caused by the arguments; retrying will not help."));
  }

  @Test
  void argumentsThatAreNoObject() {
    assertThat(ToolResultText.malformedArguments("git", "log", "text that is not JSON"))
        .isEqualTo(
            "git/log did not run: its arguments must be one JSON object of the tool's parameters, found text"
                + " that is not JSON.\nSend them as a JSON object and call again.");
  }

  private static Arguments row(String name, ExecutionResult.Builder result, String expected) {
    ExecutionResult r = result.build();
    if (r.status() == ExecutionStatus.DENIED) {
      r =
          ExecutionResult.denied(
              List.of(
                  Violation.error("native.allowlist", "sh is not on the allow-list", "sh"),
                  Violation.error("engine.network", "network access is off", "true"),
                  Violation.error("native.allowlist", "sh is not on the allow-list", "sh")),
              Duration.ZERO);
    }
    return Arguments.of(name, r, expected);
  }

  private static ExecutionResult.Builder result(ExecutionStatus status) {
    return ExecutionResult.builder(status);
  }

  private static CapturedOutput out(String text) {
    return CapturedOutput.of(text);
  }
}
