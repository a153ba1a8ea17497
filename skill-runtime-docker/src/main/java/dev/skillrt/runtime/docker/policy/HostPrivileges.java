package dev.skillrt.runtime.docker.policy;

import dev.skillrt.api.internal.UnixAttributes;
import dev.skillrt.runtime.docker.DockerRuntimeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The uids and gids that hold power over the host, read afresh each time (a socket's group may
 * change): gid 0; the owner and the group of every local engine socket (the runtime's, {@code
 * DOCKER_HOST}'s and the usual paths), since whoever may open it can start a root container with
 * the host's {@code /} bound; the groups that are privileged on a Linux host ({@link
 * #PRIVILEGED_GROUPS}), looked up by name in the host's group file; and {@code denied-groups}.
 *
 * @param gids each privileged gid, with why it is privileged
 * @param uids each privileged uid, with why
 * @param problem why the host's group file could not be read, when it could not
 */
record HostPrivileges(Map<Long, String> gids, Map<Long, String> uids, Optional<String> problem) {

  /** The groups that own a Linux host, and what each may do. */
  static final Map<String, String> PRIVILEGED_GROUPS = privilegedGroups();

  /** Engine sockets looked at besides the runtime's own. */
  static final List<Path> USUAL_ENGINE_SOCKETS =
      List.of(
          Path.of("/var/run/docker.sock"),
          Path.of("/run/docker.sock"),
          Path.of("/run/containerd/containerd.sock"),
          Path.of("/run/podman/podman.sock"),
          Path.of("/var/run/crio/crio.sock"));

  private static final int SOCKET_TYPE = 0140000;
  private static final int FILE_TYPE_MASK = 0170000;

  HostPrivileges {
    gids = Map.copyOf(gids);
    uids = Map.copyOf(uids);
  }

  private static Map<String, String> privilegedGroups() {
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put("root", "root's group, which owns most of the host's files");
    groups.put("docker", "may drive the Docker engine, and so start a root container");
    groups.put("disk", "may read and write the host's disks directly");
    groups.put("shadow", "may read the host's password hashes");
    groups.put("sudo", "may become root with sudo");
    groups.put("wheel", "may become root with sudo or su");
    groups.put("admin", "may become root with sudo");
    groups.put("adm", "may read the host's system logs");
    groups.put("kmem", "may read kernel memory");
    groups.put("lxd", "may drive LXD, and so start a privileged container");
    groups.put("incus-admin", "may drive Incus, and so start a privileged container");
    groups.put("libvirt", "may drive libvirt, and so start a machine with the host's devices");
    groups.put("microk8s", "may administer the MicroK8s cluster, and so run privileged pods");
    groups.put("systemd-journal", "may read every log in the host's journal");
    groups.put("tty", "may write to every terminal on the host");
    return Map.copyOf(groups);
  }

  /** What the host looks like now, for one runtime's settings. */
  static HostPrivileges read(DockerRuntimeConfig config) {
    Map<Long, String> gids = new LinkedHashMap<>();
    Map<Long, String> uids = new LinkedHashMap<>();
    gids.put(0L, "it is root's group");
    for (Path socket : engineSockets(config)) {
      socketOwner(socket)
          .ifPresent(
              owner -> {
                add(uids, owner.uid(), "it owns the engine socket " + socket);
                add(gids, owner.gid(), "it owns the engine socket " + socket);
              });
    }
    Optional<String> problem = Optional.empty();
    Map<String, Long> byName = Map.of();
    try {
      byName = groupFile(config.hostGroupFile());
    } catch (NoSuchFileException e) {
      // a host without a group file has no groups to look up; a file set by hand must exist
      if (!config.hostGroupFile().equals(DockerRuntimeConfig.DEFAULT_GROUP_FILE)) {
        problem =
            Optional.of(
                "the host's group file "
                    + config.hostGroupFile()
                    + " (host-group-file) does not"
                    + " exist; point host-group-file at the host's group file");
      }
    } catch (IOException e) {
      problem =
          Optional.of(
              "the host's group file "
                  + config.hostGroupFile()
                  + " cannot be read ("
                  + e.getMessage()
                  + "); make it readable, or point host-group-file at the"
                  + " host's group file");
    }
    for (Map.Entry<String, String> group : PRIVILEGED_GROUPS.entrySet()) {
      Long gid = byName.get(group.getKey());
      if (gid != null) {
        add(
            gids,
            gid,
            "it is the group "
                + group.getKey()
                + " in "
                + config.hostGroupFile()
                + ", which "
                + group.getValue());
      }
    }
    for (String denied : config.deniedGroups()) {
      Long gid = denied.matches("[0-9]+") ? Long.valueOf(denied) : byName.get(denied);
      if (gid != null) {
        add(gids, gid, "the docker runtime setting denied-groups names it (" + denied + ")");
      }
    }
    return new HostPrivileges(gids, uids, problem);
  }

  /** Why the gid is privileged on this host, if it is. */
  Optional<String> whyGid(long gid) {
    return Optional.ofNullable(gids.get(gid));
  }

  /** Why the uid is privileged on this host, if it is. */
  Optional<String> whyUid(long uid) {
    return Optional.ofNullable(uids.get(uid));
  }

  private static void add(Map<Long, String> ids, long id, String why) {
    ids.merge(id, why, (a, b) -> a.contains(b) ? a : a + "; " + b);
  }

  /** The unix sockets an engine on this host may listen on; missing ones are skipped later. */
  static List<Path> engineSockets(DockerRuntimeConfig config) {
    Set<Path> sockets = new LinkedHashSet<>();
    unixSocket(config.host()).ifPresent(sockets::add);
    unixSocket(System.getenv("DOCKER_HOST")).ifPresent(sockets::add);
    String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
    if (runtimeDir != null && runtimeDir.startsWith("/")) {
      sockets.add(Path.of(runtimeDir, "docker.sock"));
    }
    sockets.addAll(USUAL_ENGINE_SOCKETS);
    return new ArrayList<>(sockets);
  }

  private static Optional<Path> unixSocket(String host) {
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(host.trim());
      return "unix".equals(uri.getScheme()) && uri.getPath() != null
          ? Optional.of(Path.of(uri.getPath()).normalize())
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Who owns a socket file. */
  private record Owner(long uid, long gid) {}

  /** The socket's owner, when the path is a socket this JVM can stat. */
  private static Optional<Owner> socketOwner(Path socket) {
    try {
      UnixAttributes unix = UnixAttributes.read(socket, "mode,uid,gid");
      int mode = unix.intValue("mode");
      if ((mode & FILE_TYPE_MASK) != SOCKET_TYPE) {
        return Optional.empty();
      }
      return Optional.of(new Owner(unix.intValue("uid"), unix.intValue("gid")));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The gid of each group name in a group file ({@code name:password:gid:members}).
   *
   * @throws NoSuchFileException when there is no such file
   */
  static Map<String, Long> groupFile(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    }
    Map<String, Long> gids = new LinkedHashMap<>();
    for (String line : lines) {
      String[] fields = line.split(":", -1);
      if (fields.length >= 3 && !fields[0].isBlank() && fields[2].matches("[0-9]{1,10}")) {
        gids.putIfAbsent(fields[0].trim(), Long.valueOf(fields[2]));
      }
    }
    return gids;
  }
}
