package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * One execution as the audit log records it. Holds argument names, and values only for arguments
 * the manifest does not mark secret; never a secret value. A secret found inside a value is masked
 * as {@code ***}, and {@link #masked()} says so and why. A secret the caller supplied masks only
 * other values the caller supplied, never what comes from the manifest (argument defaults) or from
 * the engine (skill, tool, instance, runtime, status).
 *
 * @param time when the call ended
 * @param skill the skill
 * @param tool the tool
 * @param instance the instance used
 * @param runtime the runtime id
 * @param status the result status name (e.g. {@code SUCCEEDED}, {@code DENIED}), or {@code ERROR}
 *     when the runtime itself failed
 * @param exitCode the exit code, when there was one
 * @param durationMillis how long it took
 * @param argumentNames every argument given or defaulted
 * @param argumentValues the non-secret arguments' values as JSON text
 * @param masked for each value in {@code argumentValues} that had a secret masked: why, e.g. {@code
 *     holds the value of secret parameter token}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AuditEvent(
    Instant time,
    String skill,
    String tool,
    String instance,
    String runtime,
    String status,
    OptionalInt exitCode,
    long durationMillis,
    List<String> argumentNames,
    Map<String, String> argumentValues,
    Map<String, String> masked) {

  public AuditEvent {
    argumentNames = List.copyOf(argumentNames);
    argumentValues =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(argumentValues));
    masked = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(masked));
  }

  /** An event in which nothing was masked. */
  public AuditEvent(
      Instant time,
      String skill,
      String tool,
      String instance,
      String runtime,
      String status,
      OptionalInt exitCode,
      long durationMillis,
      List<String> argumentNames,
      Map<String, String> argumentValues) {
    this(
        time,
        skill,
        tool,
        instance,
        runtime,
        status,
        exitCode,
        durationMillis,
        argumentNames,
        argumentValues,
        Map.of());
  }
}
