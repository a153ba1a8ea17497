package dev.skillrt.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.skillrt.api.ConfigurationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure a granted network exists before a container joins it: a network the engine does not
 * have is a configuration error naming it and what to do, not an engine fault. Networks found
 * present are remembered; one removed later is explained the same way when the engine refuses the
 * container ({@link #failIfMissing}).
 */
public final class NetworkGuard {

  private final DockerClient docker;
  private final String endpoint;
  private final Set<String> present = ConcurrentHashMap.newKeySet();

  public NetworkGuard(DockerClient docker, String endpoint) {
    this.docker = docker;
    this.endpoint = endpoint;
  }

  /**
   * @throws ConfigurationException when the engine has no such network
   */
  public void ensurePresent(String network) {
    if (network.equals("none") || present.contains(network)) {
      return;
    }
    failIfMissing(network);
    present.add(network);
  }

  /**
   * Asks the engine again, whatever was remembered: for an engine that refused a container as not
   * found, this tells whether the network was the reason.
   *
   * @throws ConfigurationException when the engine has no such network
   */
  public void failIfMissing(String network) {
    Optional<ConfigurationException> missing = explainMissing(network);
    if (missing.isPresent()) {
      throw missing.get();
    }
  }

  private Optional<ConfigurationException> explainMissing(String network) {
    if (network.equals("none")) {
      return Optional.empty();
    }
    // the engine reads "default" as its bridge network
    String name = network.equals("default") ? "bridge" : network;
    try {
      docker.inspectNetworkCmd().withNetworkId(name).exec();
      return Optional.empty();
    } catch (NotFoundException e) {
      present.remove(network);
      String whatToDo =
          name.equals("bridge")
              ? "the engine runs without its default bridge (dockerd --bridge=none); start it"
                  + " with one, or create a network (docker network create NAME) and name it in"
                  + " the skill's network field"
              : "create it (docker network create "
                  + name
                  + ") or name one it has in the"
                  + " skill's network field";
      return Optional.of(
          new ConfigurationException(
              "network "
                  + network
                  + " is not defined on the Docker engine at "
                  + endpoint
                  + " (it has: "
                  + String.join(", ", usable())
                  + "); "
                  + whatToDo));
    }
  }

  private List<String> usable() {
    try {
      return docker.listNetworksCmd().exec().stream()
          .map(Network::getName)
          .filter(Objects::nonNull)
          .filter(n -> !n.equals("host"))
          .sorted()
          .toList();
    } catch (RuntimeException e) {
      return List.of("?");
    }
  }
}
