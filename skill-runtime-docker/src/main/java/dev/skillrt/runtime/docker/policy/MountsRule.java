package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.ContainerSpec;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import dev.skillrt.spi.HostPathPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker.mounts}: host folders reach a container only as the manifest's volumes, and only
 * when the shared {@link HostPathPolicy} grants them (strictly: no system folder even read-only)
 * and they exist when the skill runs. Violation ids: {@code docker.mounts.} plus the {@linkplain
 * HostPathPolicy.Reason#suffix() reason} ({@code system}, {@code home}, {@code credentials}, {@code
 * socket}, {@code device}, {@code unstable-parent}, {@code unresolvable}; {@code missing}, {@code
 * broad-root} and {@code too-large} are warnings at validation, errors at execution), {@code
 * .guest}, {@code .changed} (see {@link BoundMounts}), and {@code .extra-args} for {@code -v},
 * {@code --mount}, {@code --volume-driver} and {@code --volumes-from} (named volumes, volume
 * drivers and shared propagation have no place in a skill).
 */
final class MountsRule extends DockerRule {

  private final HostPathPolicy policy;

  MountsRule(DockerRuntimeConfig config) {
    super("docker.mounts");
    HostPathPolicy base = HostPathPolicy.strict().denying(config.deniedHostPaths());
    this.policy = unixSocket(config.host()).map(base::withEngineSocket).orElse(base);
  }

  @Override
  void check(
      ExecutionRequest request,
      ContainerSpec spec,
      ExtraArgs args,
      PolicyPhase phase,
      List<Violation> out) {
    for (Mount mount : request.mounts()) {
      checkGuest(mount, out);
      checkHost(mount, phase, out);
    }
    for (Flag flag : args.flags()) {
      if (flagsJudged().contains(flag.name())) {
        String value = flag.valueOrEmpty();
        String why =
            value.toLowerCase(Locale.ROOT).contains("propagation=shared")
                    || value.toLowerCase(Locale.ROOT).contains("propagation=rshared")
                ? " (shared mount propagation is never allowed)"
                : "";
        out.add(
            error(
                "extra-args",
                "extra_args may not mount anything ("
                    + flag.shown()
                    + ")"
                    + why
                    + "; declare host folders as the skill's volumes, where they are checked",
                flag.shown()));
      }
    }
  }

  private void checkGuest(Mount mount, List<Violation> out) {
    String guest = mount.guestPath();
    String normalized = Path.of(guest).normalize().toString();
    if (guest.contains(":")
        || guest.contains(",")
        || normalized.equals("/")
        || guest.contains("..")) {
      out.add(error("guest", "container path \"" + guest + "\" is not a plain folder", guest));
      return;
    }
    for (String system : List.of("/proc", "/sys", "/dev")) {
      if (normalized.equals(system) || normalized.startsWith(system + "/")) {
        out.add(error("guest", "a mount may not cover the container's " + system, guest));
      }
    }
  }

  void checkHost(Mount mount, PolicyPhase phase, List<Violation> out) {
    String raw = mount.hostPath().toString();
    if (raw.contains(":") || raw.contains(",") || raw.indexOf('\0') >= 0) {
      out.add(error("system", "host path \"" + raw + "\" holds : or , (bind syntax)", raw));
      return;
    }
    policy
        .judge(mount.hostPath(), mount.readOnly())
        .ifPresent(r -> out.add(violation(raw, r, phase)));
  }

  /**
   * The violation for a refusal: a fact that may change until the call runs warns at validation.
   */
  Violation violation(String raw, HostPathPolicy.Refusal refusal, PolicyPhase phase) {
    String message =
        refusal.reason() == HostPathPolicy.Reason.MISSING
            ? "host path "
                + raw
                + " does not exist; Docker would create it as root, so the mount"
                + " is refused until the folder exists"
            : "host path "
                + raw
                + " may not be mounted: "
                + refusal.message()
                + "; mount a narrower folder that holds only what the skill needs";
    return refusal.reason().judgedWhenRun() && phase == PolicyPhase.VALIDATE
        ? Violation.warning(id() + "." + refusal.reason().suffix(), message, raw)
        : error(refusal.reason().suffix(), message, raw);
  }

  /** The shared host-path judgement with this runtime's engine socket and denied folders. */
  HostPathPolicy policy() {
    return policy;
  }

  private static Optional<Path> unixSocket(String host) {
    try {
      URI uri = URI.create(host);
      return "unix".equals(uri.getScheme()) && uri.getPath() != null
          ? Optional.of(Path.of(uri.getPath()).normalize())
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  Set<String> flagsJudged() {
    return Set.of("volume", "mount", "volume-driver", "volumes-from");
  }
}
