package dev.skillrt.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyRule;
import java.util.List;
import java.util.Set;

/**
 * A call ready to run: the request, the engine's rules for it (checked by the engine, once), what
 * the manifest grants, the instance used, the checked arguments (with the names of the secret ones
 * and of those the caller gave, the rest being defaults from the manifest) and every secret value
 * with its origin.
 */
public record PreparedCall(
    ExecutionRequest request,
    List<PolicyRule> engineRules,
    Grants grants,
    String instance,
    ObjectNode arguments,
    Set<String> secretArguments,
    Set<String> suppliedArguments,
    List<KnownSecret> secrets) {

  public PreparedCall {
    engineRules = List.copyOf(engineRules);
    arguments = arguments.deepCopy();
    secretArguments = Set.copyOf(secretArguments);
    suppliedArguments = Set.copyOf(suppliedArguments);
    secrets = List.copyOf(secrets);
  }
}
