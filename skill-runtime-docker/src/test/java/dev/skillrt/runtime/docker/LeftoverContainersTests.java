package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.skillrt.runtime.docker.internal.Labels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Containers an earlier, crashed JVM left behind are removed when a runtime starts. */
class LeftoverContainersTests {

  @Test
  void aRuntimeRemovesStoppedContainersOfADeadOwnerButNotOfALiveOne() throws Exception {
    DockerTestEngine.require();
    try (DockerClient client = DockerTestEngine.client()) {
      String host = System.getenv("HOSTNAME") == null
          ? java.net.InetAddress.getLocalHost().getHostName()
          : System.getenv("HOSTNAME");
      String orphan = create(client, Map.of(
          Labels.MANAGED, "true", Labels.OWNER_HOST, host, Labels.OWNER_PID, deadPid()));
      String mine = create(client, Map.of(
          Labels.MANAGED, "true", Labels.OWNER_HOST, host,
          Labels.OWNER_PID, Long.toString(ProcessHandle.current().pid())));
      try {
        DockerTestEngine.runtime().close();
        assertThat(exists(client, orphan)).as("the dead JVM's container is removed").isFalse();
        assertThat(exists(client, mine)).as("a live JVM's container is left alone").isTrue();
      } finally {
        for (String id : List.of(orphan, mine)) {
          if (exists(client, id)) {
            client.removeContainerCmd(id).withForce(true).exec();
          }
        }
      }
    }
  }

  private static String create(DockerClient client, Map<String, String> labels) {
    return client
        .createContainerCmd(DockerTestEngine.IMAGE)
        .withCmd("true")
        .withLabels(labels)
        .exec()
        .getId();
  }

  private static boolean exists(DockerClient client, String id) {
    return !client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().isEmpty();
  }

  private static String deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return Long.toString(p.pid());
  }
}
