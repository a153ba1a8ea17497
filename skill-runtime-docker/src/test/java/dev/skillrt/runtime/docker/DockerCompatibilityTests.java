package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import dev.skillrt.spi.SkillRuntime;
import dev.skillrt.tck.SkillRuntimeCompatibilityKit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The contract kit against a real Docker engine and the busybox test image. */
class DockerCompatibilityTests extends SkillRuntimeCompatibilityKit {

  @Override
  protected SkillRuntime createRuntime() {
    return DockerTestEngine.runtime();
  }

  private static RuntimeSpec sh(String script, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", script, "sh"));
    command.addAll(List.of(args));
    return ContainerSpec.builder(DockerTestEngine.IMAGE).command(command).build();
  }

  /**
   * A container call pays for create, attach and a forced removal around the skill; on the vfs
   * storage driver (a full copy of the root filesystem per container) and a shared two-core
   * machine, that alone can take a few seconds.
   */
  @Override
  protected Duration grace() {
    return Duration.ofSeconds(5);
  }

  @Override
  protected RuntimeSpec echoStdin() {
    return ContainerSpec.builder(DockerTestEngine.IMAGE).command(List.of("cat")).build();
  }

  @Override
  protected RuntimeSpec printEnv(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a variable name: " + name);
    }
    return sh("printf '%s\\n' \"$" + name + "\"");
  }

  @Override
  protected RuntimeSpec printToStderr(String text) {
    return sh("printf '%s' \"$1\" >&2", text);
  }

  @Override
  protected RuntimeSpec exitWith(int code) {
    return sh("exit " + code);
  }

  @Override
  protected RuntimeSpec writeBytes(StreamKind stream, long count) {
    return sh("head -c " + count + " /dev/zero" + (stream == StreamKind.STDERR ? " >&2" : ""));
  }

  @Override
  protected RuntimeSpec sleepForever() {
    return sh("sleep 100000");
  }

  @Override
  protected RuntimeSpec spawnChildThatSleepsForever() {
    return sh("sleep 100000 & sleep 100000");
  }

  @Override
  protected Optional<RuntimeSpec> allocateMemoryForever() {
    return Optional.of(sh("x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done"));
  }

  @Override
  protected void assertNothingLeftRunning(ExecutionResult result) {
    String container = result.metadata().get("container");
    assertThat(container).as("the result names its container").isNotBlank();
    try (DockerClient client = DockerTestEngine.client()) {
      assertThat(
              client
                  .listContainersCmd()
                  .withShowAll(true)
                  .withIdFilter(List.of(container))
                  .exec())
          .as("container %s is gone", container)
          .isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
