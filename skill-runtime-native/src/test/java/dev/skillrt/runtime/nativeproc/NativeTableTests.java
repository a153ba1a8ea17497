package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.runtime.nativeproc.internal.NativeSettings;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code [skills.NAME.native]} table as the native runtime's provider reads it from a real
 * manifest.
 */
class NativeTableTests {

  @TempDir Path dir;

  private ManifestLoader loader(Map<String, String> env) {
    return ManifestLoader.builder()
        .environment(env)
        .workingDirectory(dir)
        .registry(SkillRuntimeRegistry.of(List.of(new NativeSkillRuntimeProvider())))
        .build();
  }

  private Manifest load(String toml) {
    return loader(Map.of("PATH", "/usr/bin:/bin"))
        .parse(toml, "test.toml", dir.resolve("test.toml"));
  }

  private NativeSettings settings(Manifest m, String skill) {
    return (NativeSettings) m.skill(skill).settings().orElseThrow();
  }

  @Test
  void readsEveryKey() {
    NativeSettings n =
        settings(
            load(
                """
                [skills.greeter]
                source = "./greeter"
                runtime = "native"
                [skills.greeter.native]
                command = "echo"
                allowed_commands = ["echo"]
                env_passthrough = ["HOME"]
                sandbox = "none"
                """),
            "greeter");
    // a bare name is left for the native runtime to look up on its own search path
    assertThat(n.program()).contains("echo");
    assertThat(n.allowedCommands()).containsExactly("echo");
    assertThat(n.envPassthrough()).containsExactly("HOME");
    assertThat(n.sandbox()).isEqualTo(SandboxMode.NONE);
  }

  /**
   * The loader's PATH is not a search path for programs: a link {@code ls -> /bin/sh} early on it
   * must not become the skill's program nor enter its allow-list.
   */
  @Test
  void programsAreNeverLookedUpOnTheLoadersPath() throws Exception {
    Path hijack = Files.createDirectories(dir.resolve("hijack"));
    Files.createSymbolicLink(hijack.resolve("ls"), Path.of("/bin/sh"));
    String toml =
        """
        [skills.a]
        source = "./a"
        runtime = "native"
        [skills.a.native]
        command = "ls"
        allowed_commands = ["ls", "./tools/run.sh"]
        """;
    Manifest m =
        loader(Map.of("PATH", hijack + ":/usr/bin:/bin"))
            .parse(toml, "test.toml", dir.resolve("test.toml"));
    NativeSettings n = settings(m, "a");
    assertThat(n.program()).contains("ls");
    assertThat(n.allowedCommands())
        .containsExactly("ls", dir.resolve("tools/run.sh").toString())
        .noneMatch(c -> c.startsWith(hijack.toString()));
  }

  @Test
  void everyProblemOfTheTableIsLocated() {
    List<Problem> problems;
    try {
      load(
          """
          [skills.a]
          source = "./a"
          runtime = "native"
          [skills.a.native]
          comand = "ls"
          sandbox = "bwarp"
          env_passthrough = "HOME"
          """);
      throw new AssertionError("expected the manifest to be rejected");
    } catch (ConfigurationException e) {
      problems = e.problems();
    }
    assertThat(problems)
        .extracting(Problem::toString)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:4:1:")
                    .contains("missing key \"command\" in [skills.a.native]"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:5:1:")
                    .contains("unknown key \"comand\"")
                    .contains("did you mean \"command\"?"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:6:1:")
                    .contains("sandbox must be one of auto, bwrap, none")
                    .contains("did you mean \"bwrap\"?"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:7:1:")
                    .contains("env_passthrough must be an array of strings"));
    assertThat(problems).hasSize(4);
  }
}
