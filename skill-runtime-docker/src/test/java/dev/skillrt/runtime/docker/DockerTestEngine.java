package dev.skillrt.runtime.docker;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.skillrt.runtime.docker.internal.EngineConnector;
import dev.skillrt.runtime.docker.internal.Leftovers;
import dev.skillrt.spi.Availability;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine the Docker tests run against: {@code DOCKER_HOST} (or {@code -Dskillrt.docker.host})
 * and the image {@code skillrt/busybox:test} (or {@code -Dskillrt.test.docker-image} / {@code
 * SKILLRT_DOCKER_TEST_IMAGE}), both prepared by {@code .ci/docker-test-env.sh}. Without an engine
 * the tests fail when {@code CI=true} and are skipped loudly otherwise.
 */
final class DockerTestEngine {

  static final String IMAGE =
      Optional.ofNullable(System.getProperty("skillrt.test.docker-image"))
          .or(() -> Optional.ofNullable(System.getenv("SKILLRT_DOCKER_TEST_IMAGE")))
          .orElse("skillrt/busybox:test");

  private static volatile @Nullable String unavailable;
  private static volatile boolean checked;

  private DockerTestEngine() {}

  /** The runtime settings the tests use. */
  static RuntimeConfig config() {
    String host = System.getProperty("skillrt.docker.host");
    return host == null ? RuntimeConfig.empty() : RuntimeConfig.of(Map.of("host", host));
  }

  /** Fails (CI) or skips (elsewhere) when no engine with the test image is reachable. */
  static void require() {
    if (!checked) {
      synchronized (DockerTestEngine.class) {
        if (!checked) {
          unavailable = findProblem().orElse(null);
          checked = true;
        }
      }
    }
    if (unavailable != null) {
      String message =
          "Docker tests need an engine with the image "
              + IMAGE
              + "; run"
              + " `eval \"$(sudo .ci/docker-test-env.sh)\"` first. "
              + unavailable;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true and no Docker engine: " + message);
      }
      System.err.println("WARN: SKIPPING DOCKER TESTS: " + message);
      assumeTrue(false, message);
    }
  }

  private static Optional<String> findProblem() {
    Availability availability = new DockerSkillRuntimeProvider().probe(config());
    if (!availability.isAvailable()) {
      return Optional.of("No engine: " + String.join("; ", availability.reasons()));
    }
    try (DockerClient client = client()) {
      client.inspectImageCmd(IMAGE).exec();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of("The image " + IMAGE + " is missing: " + e.getMessage());
    }
  }

  /** The test engine's unix socket file; the test is skipped when the engine is not local. */
  static java.nio.file.Path engineSocket() {
    require();
    String host = DockerRuntimeConfig.from(config()).host();
    assumeTrue(host.startsWith("unix://"), "the test engine is reached over a local unix socket");
    return java.nio.file.Path.of(host.substring("unix://".length()));
  }

  /** A runtime on the test engine. */
  static DockerSkillRuntime runtime() {
    require();
    return (DockerSkillRuntime) new DockerSkillRuntimeProvider().create(config());
  }

  /** A plain client on the same engine, for checking what the runtime did. */
  static DockerClient client() {
    DockerRuntimeConfig config = DockerRuntimeConfig.from(config());
    EngineConnector.Outcome outcome =
        EngineConnector.connect(config, EngineConnector.candidates(config, false));
    return outcome.connected().orElseThrow(() -> new AssertionError(outcome.failures())).client();
  }

  /** Containers with the runtime's labels, running or not. */
  static List<Container> managedContainers() {
    try (DockerClient client = client()) {
      return Leftovers.managed(client);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The containers with these ids (or id prefixes), running or not. */
  static List<Container> containers(List<String> ids) {
    try (DockerClient client = client()) {
      return client.listContainersCmd().withShowAll(true).withIdFilter(ids).exec();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The containers of calls of this skill (the runtime's skill label), running or not. */
  static List<Container> containersOfSkill(DockerClient client, String skill) {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(dev.skillrt.runtime.docker.internal.Labels.SKILL, skill))
        .exec();
  }

  static void closeQuietly(SkillRuntime runtime) {
    if (runtime != null) {
      runtime.close();
    }
  }
}
