package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.Mount;
import dev.skillrt.api.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Host folders a skill may never be granted: the host's root, system folders read-write, and
 * anything that hands over the host (container engine sockets) or its credentials. Paths are
 * compared by segment after resolving symbolic links, so {@code /var/run/docker.sock},
 * {@code /run/docker.sock} and {@code /etc/../run/docker.sock} are the same thing.
 */
final class MountGuard {

  /** Never read-write: these, anything under them, and anything holding them. */
  static final List<Path> SYSTEM_FOLDERS =
      List.of("/etc", "/proc", "/sys", "/dev", "/boot", "/usr", "/lib", "/lib64", "/bin", "/sbin",
              "/run", "/var/run", "/var/lib/docker")
          .stream().map(Path::of).toList();

  /** Never at all, at any depth: credential folders. */
  static final Set<String> CREDENTIAL_FOLDERS = Set.of(".ssh", ".aws", ".kube", ".docker", ".gnupg");

  /** Never at all: container engine sockets. */
  static final Set<String> ENGINE_SOCKETS =
      Set.of("docker.sock", "containerd.sock", "dockershim.sock", "cri-dockerd.sock",
          "podman.sock");

  /** Never at all: container engine state and socket folders. */
  static final List<Path> ENGINE_FOLDERS =
      List.of("/run/containerd", "/run/docker", "/var/lib/containerd", "/var/lib/docker",
              "/run/podman")
          .stream().map(Path::of).toList();

  private MountGuard() {}

  static List<Violation> check(List<Mount> mounts) {
    List<Violation> out = new ArrayList<>();
    for (Mount m : mounts) {
      reason(m).ifPresent(why ->
          out.add(Violation.error(NativePolicy.RULE_MOUNTS,
              "mount " + m.hostPath() + " is refused: " + why
                  + "; grant a narrower folder that holds only what the skill needs",
              m.toString())));
    }
    return out;
  }

  /** Why a mount is refused, or empty when it may be granted. */
  static Optional<String> reason(Mount m) {
    Path real = realPath(m.hostPath());
    if (real.getNameCount() == 0) {
      return Optional.of("it is the host's root folder");
    }
    for (Path segment : real) {
      if (CREDENTIAL_FOLDERS.contains(segment.toString())) {
        return Optional.of("it is or lies in a credential folder (" + segment + ")");
      }
    }
    if (ENGINE_SOCKETS.contains(real.getFileName().toString())) {
      return Optional.of("it is a container engine socket, which hands over the host");
    }
    for (Path engine : ENGINE_FOLDERS) {
      if (real.startsWith(engine) || engine.startsWith(real) && !m.readOnly()) {
        return Optional.of("it is or holds container engine state (" + engine + ")");
      }
    }
    if (!m.readOnly()) {
      for (Path system : SYSTEM_FOLDERS) {
        Path systemReal = realPath(system);
        if (real.startsWith(systemReal) || systemReal.startsWith(real)) {
          return Optional.of("it is, lies in or holds the system folder " + system
              + ", which may only be granted read-only");
        }
      }
    }
    if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
      for (String name : CREDENTIAL_FOLDERS) {
        if (Files.exists(real.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of("it holds a credential folder (" + name + ")");
        }
      }
      for (String name : ENGINE_SOCKETS) {
        if (Files.exists(real.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of("it holds a container engine socket (" + name + ")");
        }
      }
    }
    return Optional.empty();
  }

  /** The path with every symbolic link resolved, as far as it exists; the rest normalised. */
  static Path realPath(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      Path real = existing.toRealPath();
      return real.resolve(existing.relativize(abs).toString()).normalize();
    } catch (IOException e) {
      return abs;
    }
  }
}
