package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.skillrt.runtime.docker.internal.ContainerOwner;
import dev.skillrt.runtime.docker.internal.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Containers no live call will remove are stopped and removed when a runtime starts, running or
 * not: those of a JVM that is gone, and those past their deadline. Each case is a real container
 * with the labels a runtime would have given it.
 */
class LeftoverContainersTests {

  private DockerClient client;
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void connect() {
    DockerTestEngine.require();
    client = DockerTestEngine.client();
  }

  @AfterEach
  void removeWhatIsLeft() throws Exception {
    for (String id : created) {
      if (exists(id)) {
        client.removeContainerCmd(id).withForce(true).exec();
      }
    }
    client.close();
  }

  /** The labels this JVM gives its containers, changed by {@code change}. */
  private static Map<String, String> ownLabels(Map<String, String> change) {
    ContainerOwner me = ContainerOwner.current();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED, "true");
    labels.put(Labels.SKILL, "leftover-" + System.nanoTime());
    labels.put(Labels.OWNER_HOST, me.host());
    labels.put(Labels.OWNER_PID, Long.toString(me.pid()));
    me.bootId().ifPresent(id -> labels.put(Labels.OWNER_BOOT_ID, id));
    me.startTime().ifPresent(start -> labels.put(Labels.OWNER_START, start));
    me.pidNamespace().ifPresent(ns -> labels.put(Labels.OWNER_PID_NAMESPACE, ns));
    me.uid().ifPresent(uid -> labels.put(Labels.OWNER_UID, Integer.toString(uid)));
    labels.put(Labels.DEADLINE, Instant.now().plus(Duration.ofHours(1)).toString());
    Map<String, String> changed = new HashMap<>(labels);
    change.forEach(
        (k, v) -> {
          if (v == null) {
            changed.remove(k);
          } else {
            changed.put(k, v);
          }
        });
    return changed;
  }

  private String running(Map<String, String> labels) {
    String id =
        client
            .createContainerCmd(DockerTestEngine.IMAGE)
            .withCmd("sleep", "300")
            .withUser("65534:65534")
            .withLabels(labels)
            .exec()
            .getId();
    created.add(id);
    client.startContainerCmd(id).exec();
    return id;
  }

  private String stopped(Map<String, String> labels) {
    String id =
        client
            .createContainerCmd(DockerTestEngine.IMAGE)
            .withCmd("true")
            .withLabels(labels)
            .exec()
            .getId();
    created.add(id);
    return id;
  }

  private boolean exists(String id) {
    return !client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().isEmpty();
  }

  private static void startARuntime() {
    DockerTestEngine.runtime().close();
  }

  @Test
  void aStoppedContainerOfADeadJvmIsRemovedAndOneOfThisJvmIsKept() throws Exception {
    String orphan =
        stopped(ownLabels(mapOf(Labels.OWNER_PID, deadPid(), Labels.OWNER_START, null)));
    String mine = stopped(ownLabels(Map.of()));

    startARuntime();

    assertThat(exists(orphan)).as("the dead JVM's container is removed").isFalse();
    assertThat(exists(mine)).as("a live JVM's container within its deadline is kept").isTrue();
  }

  @Test
  void aRunningContainerOfALiveJvmIsRemovedOnceItsDeadlinePassed() {
    String late =
        running(ownLabels(Map.of(Labels.DEADLINE, Instant.now().minusSeconds(5).toString())));
    String inTime = running(ownLabels(Map.of()));

    startARuntime();

    assertThat(exists(late)).as("past its deadline").isFalse();
    assertThat(exists(inTime)).as("within its deadline, its owner alive").isTrue();
  }

  @Test
  void aRunningContainerWhosePidNowBelongsToAnotherProcessIsRemoved() {
    String reused =
        running(
            ownLabels(
                Map.of(
                    Labels.OWNER_START,
                    ContainerOwner.current().startTime().orElse("proc:") + "1")));

    startARuntime();

    assertThat(exists(reused)).as("the pid is alive but started at another time").isFalse();
  }

  /**
   * A JVM on the same host in another PID namespace (another container with the host's name, a
   * {@code unshare --pid} shell) cannot see the owner's pid: it must not take the owner for dead
   * and kill its running call. Only the deadline counts then.
   */
  @Test
  void anOwnerInAnotherPidNamespaceIsJudgedByTheDeadlineOnly() {
    String elsewhere =
        running(
            ownLabels(
                mapOf(
                    Labels.OWNER_PID,
                    deadPid(),
                    Labels.OWNER_START,
                    null,
                    Labels.OWNER_PID_NAMESPACE,
                    "pid:[1]")));
    String elsewhereLate =
        running(
            ownLabels(
                mapOf(
                    Labels.OWNER_PID,
                    deadPid(),
                    Labels.OWNER_START,
                    null,
                    Labels.OWNER_PID_NAMESPACE,
                    "pid:[1]",
                    Labels.DEADLINE,
                    Instant.now().minusSeconds(5).toString())));

    startARuntime();

    assertThat(exists(elsewhere)).as("its owner may well be alive").isTrue();
    assertThat(exists(elsewhereLate)).as("past its deadline").isFalse();
  }

  @Test
  void aRunningContainerFromBeforeARebootIsRemoved() {
    String beforeReboot =
        running(ownLabels(Map.of(Labels.OWNER_BOOT_ID, "00000000-0000-0000-0000-000000000000")));

    startARuntime();

    assertThat(exists(beforeReboot)).isFalse();
  }

  @Test
  void anotherHostsRunningContainerIsKeptUntilItsDeadline() {
    String elsewhere =
        running(
            ownLabels(
                Map.of(Labels.OWNER_HOST, "another-host.invalid", Labels.OWNER_PID, deadPid())));
    String elsewhereLate =
        running(
            ownLabels(
                Map.of(
                    Labels.OWNER_HOST,
                    "another-host.invalid",
                    Labels.DEADLINE,
                    Instant.now().minusSeconds(5).toString())));

    startARuntime();

    assertThat(exists(elsewhere)).as("its owner cannot be judged from here").isTrue();
    assertThat(exists(elsewhereLate)).as("past its deadline").isFalse();
  }

  /** Keys and values in turn; a null value removes the label. */
  private static Map<String, String> mapOf(@Nullable String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String deadPid() {
    try {
      Process p = new ProcessBuilder("true").start();
      p.waitFor();
      return Long.toString(p.pid());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
