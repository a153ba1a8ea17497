package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import java.util.List;

/**
 * {@code docker.read-only}: the container's root filesystem stays read-only. A manifest's {@code
 * read_only = false} makes it writable with no size cap; that is a warning at validation and an
 * error when the call runs, unless the skill's options say {@code allow_writable_root=true}.
 */
final class ReadOnlyRootRule extends DockerRule {

  static final String ALLOW_WRITABLE_ROOT = "allow_writable_root";

  ReadOnlyRootRule() {
    super("docker.read-only");
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    if (spec.readOnlyRootFilesystem()
        || "true".equalsIgnoreCase(spec.options().getOrDefault(ALLOW_WRITABLE_ROOT, "").trim())) {
      return;
    }
    String message =
        "read_only = false makes the container's root filesystem writable with no size cap; keep"
            + " it read-only and write to a --tmpfs or a volume, or set the skill option "
            + ALLOW_WRITABLE_ROOT
            + "=true";
    out.add(
        phase == PolicyPhase.EXECUTE
            ? error(message, "read_only=false")
            : Violation.warning(id(), message, "read_only=false"));
  }
}
