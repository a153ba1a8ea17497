package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.PolicyRule;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shape every Docker rule shares: it judges only {@link ContainerSpec} requests, sees the
 * parsed {@code extra_args}, and says which flags it judges (so the allow-list rule leaves those to
 * it).
 */
abstract class DockerRule implements PolicyRule {

  private final String id;

  DockerRule(String id) {
    this.id = id;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final List<Violation> check(ExecutionRequest request, PolicyPhase phase) {
    if (!(request.spec() instanceof ContainerSpec spec)) {
      return List.of();
    }
    List<Violation> out = new ArrayList<>();
    check(request, spec, spec.parsedExtraArgs(), phase, out);
    return out;
  }

  /** Adds a violation for each problem found. */
  abstract void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out);

  /** The canonical flag names this rule judges; empty when it judges none. */
  Set<String> flagsJudged() {
    return Set.of();
  }

  final Violation error(String message, String offendingValue) {
    return Violation.error(id, message, offendingValue);
  }

  final Violation error(String suffix, String message, String offendingValue) {
    return Violation.error(id + "." + suffix, message, offendingValue);
  }

  @Override
  public String toString() {
    return "PolicyRule[" + id + "]";
  }
}
