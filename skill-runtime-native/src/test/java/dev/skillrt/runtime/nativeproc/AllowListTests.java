package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Violation;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which programs may run: absolute or looked up on a fixed PATH, and only from the allow-list. */
class AllowListTests {

  private static final NativeSkillRuntime RUNTIME = NativeTestSupport.runtime();

  @AfterAll
  static void close() {
    RUNTIME.close();
  }

  private static ExecutionResult run(String program, List<String> allowed) {
    return RUNTIME.execute(
        ExecutionRequest.builder(
                "s",
                "t",
                new CommandSpec(program, List.of("ok"), allowed, List.of(), SandboxMode.NONE))
            .build());
  }

  @Test
  void aBareNameOnTheListRunsFromTheFixedPath() {
    ExecutionResult r = run("echo", List.of("echo"));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text()).isEqualTo("ok\n");
    assertThat(r.metadata().get("program")).startsWith("/").endsWith("/echo");
  }

  @Test
  void theSameProgramByAnotherPathMatches() {
    // on a merged-/usr host /bin/echo and /usr/bin/echo are one file
    ExecutionResult r = run("/bin/echo", List.of("/usr/bin/echo"));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aProgramNotOnTheListIsDeniedByName() {
    ExecutionResult r = run("/usr/bin/id", List.of("echo", "cat"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("native.allow-list");
    assertThat(r.message()).contains("/usr/bin/id").contains("allowed_commands");
    assertThat(r.exitCode()).isEmpty();
  }

  @Test
  void anEmptyListAllowsNothing() {
    ExecutionResult r = run("echo", List.of());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("native.allow-list");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"./echo", "bin/echo", "/usr/bin/../bin/echo", "/usr/./bin/echo", "../echo"})
  void relativePathsAndDotSegmentsAreDenied(String program) {
    ExecutionResult r = run(program, List.of(program, "echo"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("native.program-path");
    assertThat(r.message()).contains(program);
  }

  @Test
  void aMissingProgramIsDeniedWithWhereItWasLookedFor() {
    ExecutionResult r = run("no-such-program-xyz", List.of("no-such-program-xyz"));
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .extracting(Violation::ruleId)
        .containsExactly("native.program-not-found");
    assertThat(r.message()).contains("no-such-program-xyz").contains("/usr/bin");
  }

  @Test
  void theJvmsOwnPathIsNotUsedForLookUp() {
    // only the configured PATH counts: a folder outside it is never searched
    NativeSkillRuntime narrow =
        NativeTestSupport.runtime(java.util.Map.of("path", "/nonexistent-folder"));
    try {
      ExecutionResult r =
          narrow.execute(
              ExecutionRequest.builder(
                      "s",
                      "t",
                      new CommandSpec(
                          "echo", List.of(), List.of("echo"), List.of(), SandboxMode.NONE))
                  .build());
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations())
          .extracting(Violation::ruleId)
          .containsExactly("native.program-not-found");
    } finally {
      narrow.close();
    }
  }

  @Test
  void aLinkToTheSameFileUnderAnotherNameDoesNotMatch() throws Exception {
    // like busybox applets: one binary, many names; allowing one name must not allow the others
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("allow");
    java.nio.file.Path alias = dir.resolve("my-echo");
    java.nio.file.Files.createSymbolicLink(alias, java.nio.file.Path.of("/usr/bin/echo"));
    try {
      ExecutionResult r = run(alias.toString(), List.of("echo"));
      assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
      assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("native.allow-list");
      assertThat(run(alias.toString(), List.of(alias.toString())).status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    } finally {
      java.nio.file.Files.delete(alias);
      java.nio.file.Files.delete(dir);
    }
  }
}
