package dev.skillrt.runtime.docker.internal;

import java.util.Map;

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

  static long pid() {
    return ProcessHandle.current().pid();
  }

  /** The labels for one container. */
  public static Map<String, String> forCall(String instanceId, String skill, String tool) {
    return Map.of(
        MANAGED, "true",
        SKILL, skill,
        TOOL, tool,
        OWNER_HOST, hostName(),
        OWNER_PID, Long.toString(pid()),
        RUNTIME_INSTANCE, instanceId);
  }
}
