package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * One execution as the audit log records it. Holds argument names, and values only for arguments
 * the manifest does not mark secret; never a secret value.
 *
 * @param time when the call ended
 * @param skill the skill
 * @param tool the tool
 * @param instance the instance used
 * @param runtime the runtime id
 * @param status the result status name (e.g. {@code SUCCEEDED}, {@code DENIED}), or {@code
 *     ERROR} when the runtime itself failed
 * @param exitCode the exit code, when there was one
 * @param durationMillis how long it took
 * @param argumentNames every argument given or defaulted
 * @param argumentValues the non-secret arguments' values as JSON text
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
    Map<String, String> argumentValues) {

  public AuditEvent {
    argumentNames = List.copyOf(argumentNames);
    argumentValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(argumentValues));
  }
}
