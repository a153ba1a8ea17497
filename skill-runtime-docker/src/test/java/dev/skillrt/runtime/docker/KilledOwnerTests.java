package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.skillrt.runtime.docker.internal.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL in the middle of a call cannot remove its container, which keeps
 * running past the call's timeout. The next runtime to start on the host stops and removes it.
 */
class KilledOwnerTests {

  @TempDir Path temp;

  @Test
  void aContainerStillRunningAfterItsJvmWasKilledIsRemovedWhenTheNextRuntimeStarts()
      throws Exception {
    DockerTestEngine.require();
    String skill = "killed-owner-" + System.nanoTime();
    Path log = temp.resolve("child.log");
    Process child = startChild(skill, log);
    try (DockerClient client = DockerTestEngine.client()) {
      String id = null;
      try {
        id = awaitRunningContainer(client, skill, child, log);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child JVM died").isTrue();
        Thread.sleep(1000);
        assertThat(state(client, id))
            .as("the container outlives the JVM that started it")
            .isEqualTo("running");

        DockerTestEngine.runtime().close();

        assertThat(state(client, id)).as("removed by the next runtime's start").isEqualTo("gone");
      } finally {
        child.destroyForcibly();
        if (id != null && !state(client, id).equals("gone")) {
          client.removeContainerCmd(id).withForce(true).exec();
        }
      }
    }
  }

  private static Process startChild(String skill, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    String host = System.getProperty("skillrt.docker.host");
    if (host != null) {
      command.add("-Dskillrt.docker.host=" + host);
    }
    command.add(CallInChildJvm.class.getName());
    command.add(skill);
    command.add("PT60S"); // short next to the sleep, long enough to kill the JVM within it
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String awaitRunningContainer(
      DockerClient client, String skill, Process child, Path log) throws Exception {
    for (int i = 0; i < 600; i++) {
      List<Container> found =
          client.listContainersCmd().withLabelFilter(Map.of(Labels.SKILL, skill)).exec();
      if (!found.isEmpty() && "running".equals(found.get(0).getState())) {
        return found.get(0).getId();
      }
      if (!child.isAlive()) {
        throw new AssertionError(
            "the child JVM ended before its call ran:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no running container for " + skill + ":\n" + Files.readString(log));
  }

  private static String state(DockerClient client, String id) {
    List<Container> found =
        client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec();
    return found.isEmpty() ? "gone" : found.get(0).getState();
  }
}
