package dev.skillrt.runtime.docker.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a host path may be mounted: the lists and the comparisons behind {@code docker.mounts}.
 * Paths are compared by segment ({@code /rootfs} is not {@code /root}), both as written after
 * normalising ({@code /tmp/../etc}, {@code //etc//}, {@code /./etc/}) and after resolving
 * symlinks on the host (also when only a parent exists). A folder is also searched, {@value
 * #SCAN_MAX_DEPTH} levels deep and at most {@value #SCAN_MAX_ENTRIES} entries, for credential
 * folders and engine sockets (see {@link MountScan}).
 */
@API(status = INTERNAL, since = "0.1")
public final class HostPaths {

  /** System folders: neither they, nor anything inside them, nor any folder holding them. */
  public static final List<Path> SYSTEM_FOLDERS =
      paths(
          "/etc", "/proc", "/sys", "/dev", "/boot", "/usr", "/lib", "/lib32", "/lib64", "/libx32",
          "/bin", "/sbin", "/run", "/var/run", "/var/lib/docker", "/var/lib/containerd",
          "/var/lib/kubelet", "/var/lib/skillrt-docker", "/var/log", "/snap", "/var/lib/dpkg",
          "/var/lib/apt", "/var/lib/systemd", "/var/spool/cron");

  /**
   * Shared roots that many users and programs write into: never mounted themselves (a folder
   * inside one may be).
   */
  public static final List<Path> BROAD_ROOTS =
      paths("/tmp", "/var/tmp", "/mnt", "/opt", "/media", "/srv");

  /** How many levels below a mounted folder are checked for credentials and sockets. */
  public static final int SCAN_MAX_DEPTH = 6;

  /** How many entries below a mounted folder are checked at most. */
  public static final int SCAN_MAX_ENTRIES = 20_000;

  /** Folders that hold homes: neither they nor any folder holding them. */
  public static final List<Path> HOME_ROOTS = paths("/home", "/root");

  /** Credential folders and files, denied wherever they lie and in any folder that holds one. */
  public static final Set<String> CREDENTIAL_NAMES =
      Set.of(
          ".ssh", ".aws", ".kube", ".docker", ".gnupg", ".azure", ".gcloud", ".config/gcloud",
          ".netrc", ".git-credentials", ".password-store", ".vault-token", ".npmrc", ".pypirc",
          ".terraform.d", ".m2/settings-security.xml");

  /** Socket names of container engines, denied wherever they lie. */
  public static final Set<String> ENGINE_SOCKET_NAMES =
      Set.of(
          "docker.sock", "containerd.sock", "dockershim.sock", "cri-dockerd.sock", "podman.sock",
          "crio.sock", "containerd-shim.sock", "skillrt-docker.sock");

  private HostPaths() {}

  /** Why a path is refused. */
  public enum Reason {
    SYSTEM,
    HOME,
    CREDENTIALS,
    ENGINE_SOCKET,
    UNRESOLVABLE,
    /** A shared root such as {@code /tmp}: judged when the call runs (a warning at validation). */
    BROAD_ROOT,
    /** Too large to search: judged when the call runs (a warning at validation). */
    TOO_LARGE
  }

  /** A refusal: the reason and a sentence for people. */
  public record Refusal(Reason reason, String message) {}

  /** The path with symlinks resolved as far as it exists; the missing rest appended. */
  public static Path resolve(Path normalized) throws IOException {
    Path existing = normalized;
    List<Path> missing = new ArrayList<>();
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return normalized;
    }
    Path real = existing.toRealPath();
    for (Path part : missing) {
      real = real.resolve(part);
    }
    return real.normalize();
  }

  /**
   * Judges one form of a host path.
   *
   * @param extraDenied the runtime's {@code denied_host_paths}
   * @param engineSocket the engine's own socket, if it is a unix socket
   */
  public static Optional<Refusal> judge(Path p, List<Path> extraDenied, Optional<Path> engineSocket) {
    if (p.getNameCount() == 0) {
      return Optional.of(new Refusal(Reason.SYSTEM, "/ is the whole host"));
    }
    List<Path> system = new ArrayList<>(SYSTEM_FOLDERS);
    system.addAll(extraDenied);
    for (Path folder : system) {
      if (p.startsWith(folder)) {
        return Optional.of(
            new Refusal(Reason.SYSTEM, p + " is inside the system folder " + folder));
      }
      if (folder.startsWith(p)) {
        return Optional.of(
            new Refusal(Reason.SYSTEM, p + " holds the system folder " + folder));
      }
    }
    for (Path root : BROAD_ROOTS) {
      if (p.equals(root)) {
        return Optional.of(
            new Refusal(Reason.BROAD_ROOT, p + " is a shared root; mount a folder inside it"));
      }
    }
    for (Path root : HOME_ROOTS) {
      if (root.startsWith(p)) {
        return Optional.of(new Refusal(Reason.HOME, p + " holds the homes in " + root));
      }
    }
    Path parent = p.getParent();
    String userHome = System.getProperty("user.home", "");
    if (p.equals(Path.of("/root"))
        || (parent != null && parent.equals(Path.of("/home")))
        || (!userHome.isEmpty() && p.equals(Path.of(userHome)))) {
      return Optional.of(
          new Refusal(Reason.HOME, p + " is a whole home folder; mount a project folder inside it"));
    }
    String asText = p.toString().toLowerCase(Locale.ROOT);
    for (String name : CREDENTIAL_NAMES) {
      if (asText.contains("/" + name + "/") || asText.endsWith("/" + name)) {
        return Optional.of(
            new Refusal(Reason.CREDENTIALS, p + " is or is inside a credential folder (" + name + ")"));
      }
    }
    for (Path segment : p) {
      if (isEngineSocketName(segment.toString())) {
        return Optional.of(new Refusal(Reason.ENGINE_SOCKET, p + " is a container engine socket"));
      }
    }
    if (engineSocket.isPresent()
        && (p.equals(engineSocket.get()) || engineSocket.get().startsWith(p))) {
      return Optional.of(
          new Refusal(Reason.ENGINE_SOCKET, p + " is or holds this runtime's engine socket"));
    }
    return MountScan.inside(p);
  }

  /** Whether a file name is that of a container engine's socket. */
  static boolean isEngineSocketName(String fileName) {
    String s = fileName.toLowerCase(Locale.ROOT);
    return ENGINE_SOCKET_NAMES.contains(s)
        || (s.endsWith(".sock")
            && (s.contains("docker") || s.contains("containerd") || s.contains("podman")
                || s.contains("crio")));
  }

  private static List<Path> paths(String... names) {
    return java.util.Arrays.stream(names).map(Path::of).toList();
  }
}
