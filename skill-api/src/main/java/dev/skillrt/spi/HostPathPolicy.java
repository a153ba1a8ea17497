package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.Mount;
import dev.skillrt.api.PolicyPhase;
import dev.skillrt.api.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The host paths no skill gets, whatever runs it: one judgement shared by every backend, so that a
 * folder refused to a container is refused to a process and to a WASM module too.
 *
 * <p>A path is refused when it is or holds the host's root, a system folder (read-write; read-only
 * too unless the backend allows it), the live state of the kernel and running system ({@code
 * /proc}, {@code /sys}, {@code /dev}, {@code /run}) or of a container engine, the homes or a whole
 * home folder, a credential folder or file, a socket (any unix socket, whatever its name: a hard
 * link to the engine socket is still a socket), a device, or a file that is the same inode as a
 * known credential. Folders are searched {@value #SCAN_MAX_DEPTH} levels deep (at most {@value
 * #SCAN_MAX_ENTRIES} entries) for the same; symbolic links inside are not followed (inside the
 * sandbox they resolve there, not on the host). Paths are compared by segment ({@code /rootfs} is
 * not {@code /root}), both as written after normalising and after resolving symbolic links on the
 * host.
 *
 * <p><b>What is bound is what was judged.</b> A folder whose parent folders someone else can change
 * could be swapped for a symbolic link between the check and the mount, so every folder above a
 * granted path must belong to root or to the JVM's user and be writable by no one else (a shared
 * folder with the sticky bit, such as {@code /tmp}, is fine when the next folder belongs to root or
 * the JVM's user). Backends bind the real path {@link #resolve} returned, never the path as
 * written. (Holding a descriptor of the judged folder and binding {@code /proc/self/fd/N} is not
 * possible from Java: the JDK closes every descriptor above 2 in a child process.)
 *
 * <p>Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HostPathPolicy {

  /**
   * System folders: never read-write; read-only only where the backend allows it (they are then not
   * searched: only root writes them).
   */
  public static final List<Path> SYSTEM_FOLDERS =
      paths(
          "/etc",
          "/boot",
          "/usr",
          "/lib",
          "/lib32",
          "/lib64",
          "/libx32",
          "/bin",
          "/sbin",
          "/var/log",
          "/snap",
          "/var/lib/dpkg",
          "/var/lib/apt",
          "/var/lib/systemd",
          "/var/spool/cron");

  /**
   * Never, in any mode, nor anything in them or holding them: the kernel's and the running system's
   * live state ({@code /proc}, {@code /sys}, {@code /dev}, {@code /run}: sockets of services,
   * session buses, agents) and container engine state.
   */
  public static final List<Path> ENGINE_STATE_FOLDERS =
      paths(
          "/proc",
          "/sys",
          "/dev",
          "/run",
          "/var/run",
          "/var/lib/docker",
          "/var/lib/containerd",
          "/var/lib/kubelet",
          "/var/lib/skillrt-docker");

  /** Shared roots that many users write into: never granted themselves (a folder inside may be). */
  public static final List<Path> BROAD_ROOTS =
      paths("/tmp", "/var/tmp", "/mnt", "/opt", "/media", "/srv");

  /** Folders that hold homes: neither they nor any folder holding them. */
  public static final List<Path> HOME_ROOTS = paths("/home", "/root");

  /** Credential folders and files, refused wherever they lie and in any folder that holds one. */
  public static final Set<String> CREDENTIAL_NAMES =
      Set.of(
          ".ssh",
          ".aws",
          ".kube",
          ".docker",
          ".dockercfg",
          ".gnupg",
          ".azure",
          ".gcloud",
          ".config/gcloud",
          ".config/gh",
          ".config/hub",
          ".config/containers/auth.json",
          ".config/rclone",
          ".local/share/keyrings",
          ".netrc",
          ".git-credentials",
          ".password-store",
          ".vault-token",
          ".npmrc",
          ".pypirc",
          ".pgpass",
          ".boto",
          ".s3cfg",
          ".terraform.d",
          ".m2/settings.xml",
          ".m2/settings-security.xml",
          ".gradle/gradle.properties",
          ".cargo/credentials",
          ".cargo/credentials.toml");

  /** Socket names of container engines, refused wherever they lie (even when not a socket yet). */
  public static final Set<String> ENGINE_SOCKET_NAMES =
      Set.of(
          "docker.sock",
          "containerd.sock",
          "dockershim.sock",
          "cri-dockerd.sock",
          "podman.sock",
          "crio.sock",
          "containerd-shim.sock",
          "skillrt-docker.sock");

  /** How many levels below a granted folder are searched. */
  public static final int SCAN_MAX_DEPTH = 6;

  /** How many entries below a granted folder are searched at most. */
  public static final int SCAN_MAX_ENTRIES = 20_000;

  /** Why a path is refused. */
  public enum Reason {
    /** The root, a system folder, container engine state, or a folder a backend denies. */
    SYSTEM,
    /** The homes, or a whole home folder. */
    HOME,
    /** A credential folder or file, or a file that is the same inode as a known credential. */
    CREDENTIALS,
    /** A unix socket (by file type), an engine socket name, or the engine's own socket. */
    SOCKET,
    /** A block or character device, or a named pipe. */
    DEVICE,
    /** A parent folder someone other than root or the JVM's user can change. */
    UNSTABLE_PARENT,
    /** Something inside that someone other than root or the JVM's user can change. */
    SHARED,
    /** A folder or file the JVM keeps for itself ({@link PrivateFolder}), or one holding it. */
    PRIVATE,
    /** The path cannot be resolved or searched. */
    UNRESOLVABLE,
    /** The path does not exist (yet): judged again when the call runs. */
    MISSING,
    /** A shared root such as {@code /tmp}: judged again when the call runs. */
    BROAD_ROOT,
    /** Too large to search: judged again when the call runs (it may shrink until then). */
    TOO_LARGE;

    /**
     * Whether the fact may change between validation and the call, so that validation reports it as
     * a warning and the call as an error.
     */
    public boolean judgedWhenRun() {
      return this == MISSING || this == BROAD_ROOT || this == TOO_LARGE;
    }

    /** The reason as a rule id suffix, e.g. {@code unstable-parent}. */
    public String suffix() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** A refusal: the reason and a sentence for people (without what to do). */
  public record Refusal(Reason reason, String message) {}

  /**
   * The real path to bind and, when it may not be bound, why.
   *
   * @param realPath the path with every symbolic link resolved, as far as it exists
   * @param refusal why it may not be granted; empty when it may
   */
  public record Resolution(Path realPath, Optional<Refusal> refusal) {}

  private static final HostPathPolicy STRICT =
      new HostPathPolicy(List.of(), Optional.empty(), false, false);

  private final List<Path> denied;
  private final Optional<Path> engineSocket;
  private final boolean systemFoldersReadOnly;
  private final boolean ownTree;

  private HostPathPolicy(
      List<Path> denied, Optional<Path> engineSocket, boolean systemReadOnly, boolean ownTree) {
    this.denied = List.copyOf(denied);
    this.engineSocket = engineSocket;
    this.systemFoldersReadOnly = systemReadOnly;
    this.ownTree = ownTree;
  }

  /** The policy that refuses system folders in any mode. */
  public static HostPathPolicy strict() {
    return STRICT;
  }

  /** This policy, also refusing these folders (and anything inside or holding them). */
  public HostPathPolicy denying(List<Path> folders) {
    List<Path> all = new ArrayList<>(denied);
    folders.forEach(f -> all.add(f.toAbsolutePath().normalize()));
    return new HostPathPolicy(all, engineSocket, systemFoldersReadOnly, ownTree);
  }

  /** This policy, also refusing the engine socket at this path (and any folder holding it). */
  public HostPathPolicy withEngineSocket(Path socket) {
    return new HostPathPolicy(
        denied, Optional.of(socket.normalize()), systemFoldersReadOnly, ownTree);
  }

  /**
   * This policy, granting system folders read-only (not searched: they belong to the system). For
   * backends whose skills see the host's system folders anyway, such as a sandboxed process.
   */
  public HostPathPolicy allowingSystemFoldersReadOnly() {
    return new HostPathPolicy(denied, engineSocket, true, ownTree);
  }

  /**
   * This policy, also requiring that no one but root and the JVM's user can change anything inside
   * a granted folder: the folder and every folder in it (within the search bound) belong to them
   * and are writable by no one else. For backends that resolve paths inside a grant on the host, at
   * each access, rather than binding the folder once (the WASM runtime): a writer inside could swap
   * a folder for a symbolic link between the check and the open.
   */
  public HostPathPolicy requiringOwnTree() {
    return new HostPathPolicy(denied, engineSocket, systemFoldersReadOnly, true);
  }

  /**
   * Judges a host path as written and as resolved; the first refusal, or empty when it may be
   * granted.
   */
  public Optional<Refusal> judge(Path hostPath, boolean readOnly) {
    Path normalized = hostPath.toAbsolutePath().normalize();
    Optional<Refusal> asWritten = judgeForm(normalized, readOnly, false);
    if (asWritten.isPresent()) {
      return asWritten;
    }
    return resolve(hostPath, readOnly).refusal();
  }

  /**
   * Judges a path by its name alone, without looking at the file system: the rules that hold
   * whatever the folder holds, who owns it and whether it exists (the root, system folders, engine
   * state, shared roots, homes, credential and engine socket names).
   */
  public Optional<Refusal> judgeByName(Path hostPath, boolean readOnly) {
    return judgeForm(hostPath.toAbsolutePath().normalize(), readOnly, false);
  }

  /**
   * The real path of a host path and its judgement as it is now: what a backend binds, right before
   * it binds it. Only the real path is judged (it is what gets bound).
   */
  public Resolution resolve(Path hostPath, boolean readOnly) {
    Path normalized = hostPath.toAbsolutePath().normalize();
    Path resolved;
    try {
      resolved = realPath(normalized);
    } catch (IOException | RuntimeException e) {
      return new Resolution(
          normalized,
          Optional.of(
              new Refusal(
                  Reason.UNRESOLVABLE,
                  normalized + " cannot be resolved on the" + " host (" + e.getMessage() + ")")));
    }
    return new Resolution(resolved, judgeForm(resolved, readOnly, true));
  }

  /**
   * The violation for a mount this policy refuses, for a backend's rule {@code ruleId}: an error,
   * or at validation a warning when the fact may change until the call runs.
   */
  public static Violation violation(
      String ruleId, Mount mount, Refusal refusal, PolicyPhase phase) {
    String message =
        "mount "
            + mount.hostPath()
            + " is refused: "
            + refusal.message()
            + "; grant a narrower folder that holds only what the skill needs";
    return refusal.reason().judgedWhenRun() && phase == PolicyPhase.VALIDATE
        ? Violation.warning(ruleId, message, mount.toString())
        : Violation.error(ruleId, message, mount.toString());
  }

  /** The path with symbolic links resolved as far as it exists; the missing rest appended. */
  public static Path realPath(Path path) throws IOException {
    Path normalized = path.toAbsolutePath().normalize();
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

  /** Whether a file name is that of a container engine's socket. */
  public static boolean isEngineSocketName(String fileName) {
    String s = fileName.toLowerCase(Locale.ROOT);
    return ENGINE_SOCKET_NAMES.contains(s)
        || (s.endsWith(".sock")
            && (s.contains("docker")
                || s.contains("containerd")
                || s.contains("podman")
                || s.contains("crio")));
  }

  private Optional<Refusal> judgeForm(Path p, boolean readOnly, boolean real) {
    if (p.getNameCount() == 0) {
      return refuse(Reason.SYSTEM, "/ is the whole host");
    }
    for (Path kept : PrivateFolder.kept()) {
      if (p.startsWith(kept) || kept.startsWith(p)) {
        return refuse(
            Reason.PRIVATE,
            p
                + (p.startsWith(kept) ? " is inside " : " holds ")
                + kept
                + ", which the JVM keeps for itself (a skill that could write it would steer the"
                + " JVM)");
      }
    }
    List<Path> never = new ArrayList<>(ENGINE_STATE_FOLDERS);
    never.addAll(denied);
    for (Path folder : never) {
      if (p.startsWith(folder)) {
        return refuse(Reason.SYSTEM, p + " is inside " + folder + ", which no skill may have");
      }
      if (folder.startsWith(p)) {
        return refuse(Reason.SYSTEM, p + " holds " + folder + ", which no skill may have");
      }
    }
    boolean systemReadOnly = false;
    for (Path folder : SYSTEM_FOLDERS) {
      boolean inside = p.startsWith(folder);
      if (!inside && !folder.startsWith(p)) {
        continue;
      }
      if (!readOnly || !systemFoldersReadOnly) {
        return refuse(
            Reason.SYSTEM,
            p
                + (inside ? " is inside the system folder " : " holds the system folder ")
                + folder
                + (systemFoldersReadOnly ? ", which may only be granted read-only" : ""));
      }
      systemReadOnly = systemReadOnly || inside;
    }
    for (Path root : BROAD_ROOTS) {
      if (p.equals(root)) {
        return refuse(Reason.BROAD_ROOT, p + " is a shared root; grant a folder inside it");
      }
    }
    Optional<Refusal> home = home(p);
    if (home.isPresent()) {
      return home;
    }
    String asText = p.toString().toLowerCase(Locale.ROOT);
    for (String name : CREDENTIAL_NAMES) {
      if (asText.contains("/" + name + "/") || asText.endsWith("/" + name)) {
        return refuse(
            Reason.CREDENTIALS, p + " is or is inside a credential folder (" + name + ")");
      }
    }
    for (Path segment : p) {
      if (isEngineSocketName(segment.toString())) {
        return refuse(Reason.SOCKET, p + " is a container engine socket");
      }
    }
    if (engineSocket.isPresent() && engineSocket.get().startsWith(p)) {
      return refuse(Reason.SOCKET, p + " is or holds this runtime's engine socket");
    }
    if (!real) {
      return Optional.empty();
    }
    Optional<Refusal> kind = HostPathScan.fileKind(p, p);
    if (kind.isPresent()) {
      return kind;
    }
    Optional<Refusal> unstable = unstableParent(p);
    if (unstable.isPresent()) {
      return unstable;
    }
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return refuse(Reason.MISSING, p + " does not exist");
    }
    return systemReadOnly ? Optional.empty() : HostPathScan.inside(p, ownTree);
  }

  private static Optional<Refusal> unstableParent(Path real) {
    try {
      return StableAncestors.firstUnstable(real)
          .flatMap(
              why ->
                  refuse(
                      Reason.UNSTABLE_PARENT,
                      "someone other than root or the JVM's user could replace a folder on the"
                          + " way to "
                          + real
                          + " with a symbolic link between the check and the"
                          + " mount: "
                          + why));
    } catch (IOException e) {
      return refuse(
          Reason.UNRESOLVABLE,
          "cannot read the owners of the folders on the way to "
              + real
              + " ("
              + e.getMessage()
              + ")");
    }
  }

  private static Optional<Refusal> home(Path p) {
    for (Path root : HOME_ROOTS) {
      if (root.startsWith(p)) {
        return refuse(Reason.HOME, p + " holds the homes in " + root);
      }
    }
    Path parent = p.getParent();
    String userHome = System.getProperty("user.home", "");
    if (p.equals(Path.of("/root"))
        || (parent != null && parent.equals(Path.of("/home")))
        || (!userHome.isEmpty() && p.equals(Path.of(userHome).toAbsolutePath().normalize()))) {
      return refuse(Reason.HOME, p + " is a whole home folder; grant a project folder inside it");
    }
    return Optional.empty();
  }

  static Optional<Refusal> refuse(Reason reason, String message) {
    return Optional.of(new Refusal(reason, message));
  }

  private static List<Path> paths(String... names) {
    return Arrays.stream(names).map(Path::of).toList();
  }
}
