package dev.skillrt.runtime.docker.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The labels on every container the runtime creates, and what they say about the owner. */
public final class Labels {

  /** Present (value {@code true}) on every container of this runtime. */
  public static final String MANAGED = "dev.skillrt.managed";

  /** The skill's name. */
  public static final String SKILL = "dev.skillrt.skill";

  /** The tool's name. */
  public static final String TOOL = "dev.skillrt.tool";

  /** The host name of the JVM that created the container. */
  public static final String OWNER_HOST = "dev.skillrt.owner-host";

  /** The pid of the JVM that created the container. */
  public static final String OWNER_PID = "dev.skillrt.owner-pid";

  /** The boot id of the host when the container was created. */
  public static final String OWNER_BOOT_ID = "dev.skillrt.owner-boot-id";

  /** When the JVM that created the container started (see {@link ContainerOwner#startTime}). */
  public static final String OWNER_START = "dev.skillrt.owner-start";

  /** The PID namespace of the JVM that created the container ({@code pid:[inode]}). */
  public static final String OWNER_PID_NAMESPACE = "dev.skillrt.owner-pid-namespace";

  /** The uid the JVM that created the container ran as. */
  public static final String OWNER_UID = "dev.skillrt.owner-uid";

  /**
   * When the container must be gone at the latest (ISO-8601): its creation, plus the call's
   * timeout, plus the kill grace. Absent when the call has no timeout.
   */
  public static final String DEADLINE = "dev.skillrt.deadline";

  /** A random id of the runtime instance that created the container. */
  public static final String RUNTIME_INSTANCE = "dev.skillrt.runtime-instance";

  private Labels() {}

  static String hostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        name = "unknown";
      }
    }
    return name;
  }

  /** The labels for one container, created now. */
  public static Map<String, String> forCall(
      String instanceId,
      String skill,
      String tool,
      Optional<Duration> timeout,
      Duration killGrace) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED, "true");
    labels.put(SKILL, skill);
    labels.put(TOOL, tool);
    labels.putAll(ContainerOwner.current().labels());
    labels.put(RUNTIME_INSTANCE, instanceId);
    timeout.ifPresent(t -> labels.put(DEADLINE, deadline(Instant.now(), t, killGrace).toString()));
    return Map.copyOf(labels);
  }

  static Instant deadline(Instant created, Duration timeout, Duration killGrace) {
    try {
      return created.plus(timeout).plus(killGrace);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Instant.MAX;
    }
  }

  /** The deadline a container's labels record, if any that can be read. */
  public static Optional<Instant> deadlineOf(Map<String, String> labels) {
    String value = labels.get(DEADLINE);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
