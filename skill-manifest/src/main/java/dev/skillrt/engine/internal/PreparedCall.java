package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ExecutionRequest;
import java.util.Set;

/**
 * A call ready to run: the request, what the manifest grants, the instance used, and the checked
 * arguments (with the names of the secret ones).
 */
public record PreparedCall(
    ExecutionRequest request,
    Grants grants,
    String instance,
    ObjectNode arguments,
    Set<String> secretArguments) {

  public PreparedCall {
    arguments = arguments.deepCopy();
    secretArguments = Set.copyOf(secretArguments);
  }
}
