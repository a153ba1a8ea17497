package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The skill's environment is built from nothing: PATH, LANG, HOME, its own variables and only the
 * host variables it was granted. The JVM's secrets stay in the JVM. A fresh working folder per
 * call, removed afterwards.
 */
class EnvironmentTests {

  private static final String SECRET_NAME = "AWS_SECRET_ACCESS_KEY";

  private static final NativeSkillRuntime RUNTIME = NativeTestSupport.runtime();

  @BeforeAll
  static void theJvmReallyHoldsTheSecret() {
    // set by surefire (see pom.xml); without it these tests would prove nothing
    assertThat(System.getenv(SECRET_NAME)).isEqualTo("tck-secret");
  }

  @AfterAll
  static void close() {
    RUNTIME.close();
  }

  private static ExecutionResult env(
      SandboxMode mode, List<String> passthrough, Map<String, String> own) {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    return RUNTIME.execute(
        ExecutionRequest.builder(
                "s",
                "t",
                new CommandSpec("/usr/bin/env", List.of(), List.of("env"), passthrough, mode))
            .environment(own)
            .networkAllowed(mode == SandboxMode.NONE)
            .build());
  }

  private static Map<String, String> parse(String envOutput) {
    Map<String, String> out = new TreeMap<>();
    Arrays.stream(envOutput.split("\n"))
        .filter(l -> l.contains("="))
        .forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return out;
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void theEnvironmentIsExactlyTheMinimumPlusTheSkillsOwn(SandboxMode mode) {
    ExecutionResult r = env(mode, List.of(), Map.of("SKILL_SETTING", "v1"));
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Map<String, String> seen = parse(r.stdout().text());
    if (mode == SandboxMode.BWRAP) {
      // bubblewrap says where it changed to
      assertThat(seen).containsEntry("PWD", seen.get("HOME"));
      seen.remove("PWD");
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrder("PATH", "LANG", "HOME", "SKILL_SETTING");
    assertThat(seen)
        .containsEntry("PATH", NativeRuntimeConfig.DEFAULT_PATH)
        .containsEntry("LANG", "C.UTF-8")
        .containsEntry("SKILL_SETTING", "v1");
    assertThat(r.stdout().text()).doesNotContain("tck-secret");
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void aSecretInTheJvmsEnvironmentIsInvisibleUnlessPassedThrough(SandboxMode mode) {
    ExecutionResult hidden = env(mode, List.of(), Map.of());
    assertThat(hidden.stdout().text()).doesNotContain(SECRET_NAME).doesNotContain("tck-secret");

    ExecutionResult granted = env(mode, List.of(SECRET_NAME), Map.of());
    assertThat(parse(granted.stdout().text())).containsEntry(SECRET_NAME, "tck-secret");
  }

  @Test
  void aPassthroughOfAnUnsetVariableAddsNothing() {
    ExecutionResult r = env(SandboxMode.NONE, List.of("SKILLRT_SURELY_UNSET"), Map.of());
    assertThat(parse(r.stdout().text())).doesNotContainKey("SKILLRT_SURELY_UNSET");
  }

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void eachCallStartsInAFreshPrivateFolderThatIsRemovedAfterwards(SandboxMode mode) {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    String script =
        "pwd; [ \"$HOME\" = \"$(pwd)\" ] && echo home-is-cwd; ls -A | wc -l; echo x > f";
    ExecutionResult first =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", NativeTestSupport.sh(mode, script))
                .networkAllowed(mode == SandboxMode.NONE)
                .build());
    ExecutionResult second =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", NativeTestSupport.sh(mode, script))
                .networkAllowed(mode == SandboxMode.NONE)
                .build());
    assertThat(first.status())
        .as(first.message() + first.stderr().text())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    String[] a = first.stdout().text().split("\n");
    String[] b = second.stdout().text().split("\n");
    assertThat(a[1]).isEqualTo("home-is-cwd");
    assertThat(a[2].strip()).isEqualTo("0");
    assertThat(b[2].strip()).as("the second call does not see the first one's file").isEqualTo("0");
    assertThat(a[0]).isNotEqualTo(b[0]);
    // removed off the calling thread once the call's processes are gone
    assertThat(goneSoon(Path.of(a[0]))).as(a[0] + " removed").isTrue();
    assertThat(goneSoon(Path.of(b[0]))).as(b[0] + " removed").isTrue();
  }

  private static boolean goneSoon(Path folder) {
    long until = System.nanoTime() + 10_000_000_000L;
    while (java.nio.file.Files.exists(folder) && System.nanoTime() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !java.nio.file.Files.exists(folder);
  }

  @Test
  void aWorkingDirectoryInsideAMountIsUsedAndKept(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectory(dir.resolve("work"));
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder(
                    "s", "t", NativeTestSupport.sh(SandboxMode.NONE, "pwd; echo x > made"))
                .mount(Mount.readWrite(dir))
                .workingDirectory(sub.toString())
                .build());
    assertThat(r.status()).as(r.message()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.stdout().text().strip()).isEqualTo(sub.toString());
    assertThat(sub.resolve("made")).exists();
  }

  @Test
  void aWorkingDirectoryOutsideTheMountsIsDenied(@TempDir Path dir) {
    ExecutionResult r =
        RUNTIME.execute(
            ExecutionRequest.builder("s", "t", NativeTestSupport.sh(SandboxMode.NONE, "pwd"))
                .workingDirectory(dir.toString())
                .build());
    assertThat(r.status()).isEqualTo(ExecutionStatus.DENIED);
    assertThat(r.violations())
        .extracting(v -> v.ruleId())
        .containsExactly("native.working-directory");
    assertThat(r.message()).contains(dir.toString());
  }
}
