package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds a Docker engine: tries each endpoint in turn (the {@code host} setting alone when it is
 * given; else {@code DOCKER_HOST}, then the usual sockets) and keeps, for each that fails, why.
 */
public final class EngineConnector {

  /** A client that answered a ping, and its endpoint. */
  public record Connected(DockerClient client, String endpoint, String engineVersion) {}

  /** The outcome of connecting: a client, or every endpoint tried and why it failed. */
  public record Outcome(Optional<Connected> connected, List<String> failures) {}

  private EngineConnector() {}

  /** The endpoints to try, in order. */
  public static List<String> candidates(DockerRuntimeConfig config, boolean hostWasSet) {
    Set<String> out = new LinkedHashSet<>();
    out.add(config.host());
    if (!hostWasSet) {
      String env = System.getenv("DOCKER_HOST");
      if (env != null && !env.isBlank()) {
        out.add(env);
      }
      out.add(DockerRuntimeConfig.DEFAULT_HOST);
      out.add("unix:///run/docker.sock");
      String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
      if (runtimeDir != null && !runtimeDir.isBlank()) {
        out.add("unix://" + runtimeDir + "/docker.sock");
      }
    }
    return new ArrayList<>(out);
  }

  /** Tries each endpoint; the first that answers a ping wins. */
  public static Outcome connect(DockerRuntimeConfig config, List<String> endpoints) {
    List<String> failures = new ArrayList<>();
    for (String endpoint : endpoints) {
      Optional<String> precheck = precheck(endpoint);
      if (precheck.isPresent()) {
        failures.add(endpoint + ": " + precheck.get());
        continue;
      }
      DockerClient client = null;
      try {
        client = open(endpoint, config);
        client.pingCmd().exec();
        String version = client.versionCmd().exec().getVersion();
        return new Outcome(Optional.of(new Connected(client, endpoint, version)), failures);
      } catch (RuntimeException e) {
        failures.add(endpoint + ": " + describe(e));
        closeQuietly(client);
      }
    }
    return new Outcome(Optional.empty(), failures);
  }

  /** Opens a client for one endpoint without checking that it answers. */
  public static DockerClient open(String endpoint, DockerRuntimeConfig config) {
    DockerClientConfig clientConfig =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint).build();
    DockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(clientConfig.getDockerHost())
            .sslConfig(clientConfig.getSSLConfig())
            .maxConnections(config.maxConnections())
            .connectionTimeout(config.connectTimeout())
            .build();
    return DockerClientImpl.getInstance(clientConfig, http);
  }

  static void closeQuietly(@Nullable DockerClient client) {
    if (client != null) {
      try {
        client.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing more to release
      }
    }
  }

  private static Optional<String> precheck(String endpoint) {
    if (endpoint.startsWith("unix://")) {
      Path socket = Path.of(endpoint.substring("unix://".length()));
      if (!Files.exists(socket)) {
        return Optional.of("no socket at " + socket);
      }
      if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
        return Optional.of("socket " + socket + " is not readable and writable by this user");
      }
    } else if (!endpoint.startsWith("tcp://") && !endpoint.startsWith("npipe://")) {
      return Optional.of("not a unix://, tcp:// or npipe:// address");
    }
    return Optional.empty();
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }
}
