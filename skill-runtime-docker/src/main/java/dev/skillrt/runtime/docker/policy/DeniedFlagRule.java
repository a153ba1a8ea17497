package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Denies some {@code extra_args} flags, whatever their spelling: a flag named in {@code names}
 * whose value the {@code denied} test accepts is a violation with the given advice.
 */
final class DeniedFlagRule extends DockerRule {

  private final Set<String> names;
  private final Predicate<Flag> denied;
  private final String advice;

  DeniedFlagRule(String id, Set<String> names, Predicate<Flag> denied, String advice) {
    super(id);
    this.names = Set.copyOf(names);
    this.denied = denied;
    this.advice = advice;
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Flag flag : args.flags()) {
      if (names.contains(flag.name()) && denied.test(flag)) {
        out.add(error("extra_args flag " + flag.shown() + " is denied: " + advice, flag.shown()));
      }
    }
  }

  @Override
  Set<String> flagsJudged() {
    return names;
  }
}
