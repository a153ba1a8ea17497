package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code docker.cpus}: a CPU limit below {@value #MIN_CPUS} CPUs is refused. Docker's smallest
 * limit is 0.01 CPUs; a smaller value would round to 0 nano-CPUs, which Docker reads as no limit at
 * all.
 */
final class CpusRule extends DockerRule {

  /** Docker's smallest CPU limit. */
  static final double MIN_CPUS = 0.01;

  CpusRule() {
    super("docker.cpus");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    OptionalDouble cpus = request.limits().cpus();
    if (cpus.isPresent() && !(cpus.getAsDouble() >= MIN_CPUS)) {
      out.add(
          error(
              "a CPU limit of "
                  + cpus.getAsDouble()
                  + " is below Docker's minimum of "
                  + MIN_CPUS
                  + " CPUs (a smaller value would mean no limit); set cpus to at least "
                  + MIN_CPUS,
              String.valueOf(cpus.getAsDouble())));
    }
  }
}
