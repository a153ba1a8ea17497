package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Settings handed to {@link SkillRuntimeProvider#create}: plain string keys in kebab-case and their
 * values (such as {@code host=unix:///run/docker.sock} or {@code kill-grace=5s}), from the engine
 * builder or the system properties {@code skillrt.<runtime-id>.*}.
 *
 * <p>Each backend documents its keys and reads them with {@link #reader(String)}, which reports
 * every bad value and every unknown key as a problem of its own. Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class RuntimeConfig {

  private static final RuntimeConfig EMPTY = new RuntimeConfig("", Map.of());

  private final String origin;
  private final Map<String, String> values;

  private RuntimeConfig(String origin, Map<String, String> values) {
    this.origin = origin;
    this.values = Map.copyOf(values);
  }

  public static RuntimeConfig empty() {
    return EMPTY;
  }

  public static RuntimeConfig of(Map<String, String> values) {
    return new RuntimeConfig("", values);
  }

  /**
   * The system properties under a prefix, without it: {@code
   * fromSystemProperties("skillrt.docker.")} turns {@code -Dskillrt.docker.host=...} into {@code
   * host}.
   */
  public static RuntimeConfig fromSystemProperties(String prefix) {
    Map<String, String> found = new TreeMap<>();
    System.getProperties()
        .forEach(
            (k, v) -> {
              String key = String.valueOf(k);
              if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), String.valueOf(v));
              }
            });
    return new RuntimeConfig(prefix, found);
  }

  /** This config with other values laid over it. */
  public RuntimeConfig with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    return new RuntimeConfig(origin, merged);
  }

  /**
   * Where a key was set, for messages: {@code -Dskillrt.wasm.default-memory} for a system property,
   * else {@code wasm runtime setting "default-memory"}.
   */
  String source(String runtimeId, String key) {
    return origin.isEmpty() ? runtimeId + " runtime setting \"" + key + "\"" : "-D" + origin + key;
  }

  /**
   * Reads this config's keys for the runtime {@code runtimeId}; see {@link RuntimeConfigReader}.
   */
  public RuntimeConfigReader reader(String runtimeId) {
    return new RuntimeConfigReader(runtimeId, this);
  }

  public Map<String, String> asMap() {
    return values;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public String toString() {
    return "RuntimeConfig" + values.keySet();
  }
}
