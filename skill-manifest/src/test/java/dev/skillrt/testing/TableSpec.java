package dev.skillrt.testing;

import dev.skillrt.api.RuntimeSpec;
import java.util.List;
import java.util.Map;

/**
 * What the engine's test runtimes run: the text values of the skill's runtime table and the call's
 * arguments.
 *
 * @param table each string key of the runtime's table, with its value
 * @param arguments the rendered arguments
 * @param networkAllowed whether the call was granted the network
 */
public record TableSpec(Map<String, String> table, List<String> arguments, boolean networkAllowed)
    implements RuntimeSpec {

  public TableSpec {
    table = Map.copyOf(table);
    arguments = List.copyOf(arguments);
  }

  @Override
  public String describe() {
    String program = table.getOrDefault("command", table.getOrDefault("image", "?"));
    return arguments.isEmpty() ? program : program + " " + String.join(" ", arguments);
  }
}
