package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.ContainerSpec;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker.mounts}: host folders reach a container only as the manifest's volumes, and only
 * when they are not system folders, homes, credential folders or engine sockets (see {@link
 * HostPaths}), and exist when the skill runs. Violation ids: {@code docker.mounts.system}, {@code
 * .home}, {@code .credentials}, {@code .socket}, {@code .missing}, {@code .broad-root} and
 * {@code .too-large} (each a warning at validation, an error at execution), {@code .guest},
 * {@code .unresolvable}, {@code .changed} (see {@link BoundMounts}), and {@code .extra-args} for {@code
 * -v}, {@code --mount}, {@code --volume-driver} and {@code --volumes-from} (named volumes, volume
 * drivers and shared propagation have no place in a skill).
 */
final class MountsRule extends DockerRule {

  private final List<Path> extraDenied;
  private final Optional<Path> engineSocket;

  MountsRule(DockerRuntimeConfig config) {
    super("docker.mounts");
    this.extraDenied = config.deniedHostPaths().stream().map(Path::normalize).toList();
    this.engineSocket = unixSocket(config.host());
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
                "extra_args may not mount anything (" + flag.shown() + ")" + why
                    + "; declare host folders as the skill's volumes, where they are checked",
                flag.shown()));
      }
    }
  }

  private void checkGuest(Mount mount, List<Violation> out) {
    String guest = mount.guestPath();
    String normalized = Path.of(guest).normalize().toString();
    if (guest.contains(":") || guest.contains(",") || normalized.equals("/")
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
    Path normalized = mount.hostPath().toAbsolutePath().normalize();
    Path resolved;
    try {
      resolved = HostPaths.resolve(normalized);
    } catch (IOException | RuntimeException e) {
      resolved = null;
    }
    List<Path> forms =
        resolved == null || resolved.equals(normalized)
            ? List.of(normalized)
            : List.of(resolved, normalized);
    for (Path form : forms) {
      Optional<HostPaths.Refusal> refusal = HostPaths.judge(form, extraDenied, engineSocket);
      if (refusal.isPresent()) {
        String suffix =
            switch (refusal.get().reason()) {
              case SYSTEM -> "system";
              case HOME -> "home";
              case CREDENTIALS -> "credentials";
              case ENGINE_SOCKET -> "socket";
              case UNRESOLVABLE -> "unresolvable";
              case BROAD_ROOT -> "broad-root";
              case TOO_LARGE -> "too-large";
            };
        String via = form.equals(normalized) ? "" : " (after resolving symlinks: " + form + ")";
        String message =
            "host path " + raw + " may not be mounted: " + refusal.get().message() + via;
        // a shared root or a large folder is judged when the call runs: a manifest may name one
        // only as the default of a variable (${PWD:-/tmp}), and a folder may shrink until then
        boolean judgedWhenRun =
            refusal.get().reason() == HostPaths.Reason.BROAD_ROOT
                || refusal.get().reason() == HostPaths.Reason.TOO_LARGE;
        out.add(
            judgedWhenRun && phase == PolicyPhase.VALIDATE
                ? Violation.warning(id() + "." + suffix, message, raw)
                : error(suffix, message, raw));
        return;
      }
    }
    if (resolved == null) {
      out.add(error("unresolvable", "host path " + raw + " cannot be resolved on the host", raw));
      return;
    }
    if (!Files.exists(resolved)) {
      String message =
          "host path " + raw + " does not exist; Docker would create it as root, so the mount is"
              + " refused until the folder exists";
      out.add(
          phase == PolicyPhase.EXECUTE
              ? error("missing", message, raw)
              : Violation.warning(id() + ".missing", message, raw));
    }
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
