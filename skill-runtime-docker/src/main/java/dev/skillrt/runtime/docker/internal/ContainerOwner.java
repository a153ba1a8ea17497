package dev.skillrt.runtime.docker.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM that created a container, as the container's labels record it: the host's name, the
 * host's boot (a reboot ends every JVM), and the JVM's pid with its start time (after the JVM dies
 * its pid may be given to another process, which is then not the owner).
 *
 * @param host the host name
 * @param bootId the kernel's boot id ({@code /proc/sys/kernel/random/boot_id}), where there is one
 * @param pid the JVM's pid
 * @param startTime when the JVM started: {@code proc:TICKS} (clock ticks after boot, from {@code
 *     /proc/PID/stat}, exact) or {@code java:INSTANT} where there is no {@code /proc}
 * @param pidNamespace the JVM's PID namespace ({@code pid:[inode]}): a pid means nothing in another
 *     one
 * @param uid the uid the JVM ran as: another user's processes may be hidden from this one ({@code
 *     hidepid})
 */
public record ContainerOwner(
    String host,
    Optional<String> bootId,
    long pid,
    Optional<String> startTime,
    Optional<String> pidNamespace,
    Optional<Integer> uid) {

  private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");

  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  private static final ContainerOwner CURRENT =
      new ContainerOwner(
          Labels.hostName(),
          readBootId(),
          ProcessHandle.current().pid(),
          startTimeOf(ProcessHandle.current().pid()),
          readPidNamespace(),
          readUid());

  /** This JVM. */
  public static ContainerOwner current() {
    return CURRENT;
  }

  /** The owner labels of a container this JVM creates. */
  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.OWNER_HOST, host);
    labels.put(Labels.OWNER_PID, Long.toString(pid));
    bootId.ifPresent(id -> labels.put(Labels.OWNER_BOOT_ID, id));
    startTime.ifPresent(start -> labels.put(Labels.OWNER_START, start));
    pidNamespace.ifPresent(ns -> labels.put(Labels.OWNER_PID_NAMESPACE, ns));
    uid.ifPresent(u -> labels.put(Labels.OWNER_UID, Integer.toString(u)));
    return labels;
  }

  /** The owner a container's labels name; empty when they name no host and pid. */
  public static Optional<ContainerOwner> fromLabels(Map<String, String> labels) {
    String host = labels.get(Labels.OWNER_HOST);
    String pid = labels.get(Labels.OWNER_PID);
    if (host == null || pid == null || !pid.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(
        new ContainerOwner(
            host,
            Optional.ofNullable(labels.get(Labels.OWNER_BOOT_ID)),
            Long.parseLong(pid),
            Optional.ofNullable(labels.get(Labels.OWNER_START)),
            Optional.ofNullable(labels.get(Labels.OWNER_PID_NAMESPACE)),
            Optional.ofNullable(labels.get(Labels.OWNER_UID))
                .filter(u -> u.matches("[0-9]{1,10}"))
                .map(Long::parseLong)
                .filter(u -> u <= Integer.MAX_VALUE)
                .map(Long::intValue)));
  }

  /**
   * Why this owner, a JVM of the same host as {@code here}, is gone; empty while it lives or when
   * {@code here} cannot tell (the owner's pid is in another PID namespace, or belongs to another
   * user whose processes may be hidden: then only the container's deadline counts). A label that
   * was not recorded (by an older version) is not held against the owner.
   */
  public Optional<String> goneFrom(ContainerOwner here) {
    if (bootId.isPresent() && here.bootId.isPresent() && !bootId.equals(here.bootId)) {
      return Optional.of("the host rebooted since its JVM (pid " + pid + ") created it");
    }
    if (pid == here.pid
        && startTime.equals(here.startTime)
        && pidNamespace.equals(here.pidNamespace)) {
      return Optional.empty();
    }
    if (pidNamespace.isPresent() && !pidNamespace.equals(here.pidNamespace)) {
      return Optional.empty(); // its pid means nothing here
    }
    if (uid.isPresent() && here.uid.isPresent() && !uid.equals(here.uid) && here.uid.get() != 0) {
      return Optional.empty(); // its processes may be hidden from this user
    }
    Optional<String> now = startTimeOf(pid);
    if (now.isEmpty()) {
      return Optional.of("its JVM (pid " + pid + ") is gone");
    }
    if (startTime.isPresent()
        && sameClock(startTime.get(), now.get())
        && !startTime.get().equals(now.get())) {
      return Optional.of(
          "its JVM (pid "
              + pid
              + ") is gone; the pid now belongs to a process that started at"
              + " another time");
    }
    return Optional.empty();
  }

  private static boolean sameClock(String a, String b) {
    return a.substring(0, a.indexOf(':') + 1).equals(b.substring(0, b.indexOf(':') + 1));
  }

  static Optional<String> readPidNamespace() {
    try {
      return Optional.of(Files.readSymbolicLink(PID_NAMESPACE).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Optional<Integer> readUid() {
    try {
      return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Optional<String> readBootId() {
    try {
      String id = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).trim();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * When a live process started, in a form that never changes while it lives; empty when there is
   * no such process (a zombie counts as gone: it will never remove a container).
   */
  static Optional<String> startTimeOf(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.isDirectory(Path.of("/proc/self"))) {
      try {
        String text = Files.readString(stat, StandardCharsets.US_ASCII);
        // the fields after the command name, which may itself hold spaces and parentheses
        String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        if (fields[0].equals("Z") || fields[0].equals("X")) {
          return Optional.empty();
        }
        return Optional.of("proc:" + fields[19]);
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .flatMap(p -> p.info().startInstant())
        .map(start -> "java:" + start);
  }
}
