package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What one call adds to a skill's settings to make its {@link dev.skillrt.api.RuntimeSpec}.
 *
 * @param arguments the arguments rendered from the tool's template (or the positional ones)
 * @param networkAllowed whether the manifest grants this call the network
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SpecInput(List<String> arguments, boolean networkAllowed) {

  public SpecInput {
    arguments = List.copyOf(arguments);
  }
}
