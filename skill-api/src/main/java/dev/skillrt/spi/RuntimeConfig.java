package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Settings handed to {@link SkillRuntimeProvider#create}: plain string keys and values (such as
 * {@code host=unix:///run/docker.sock} or {@code pull=false}), read through typed getters that
 * fail with a {@link ConfigurationException} naming the key and the value.
 *
 * <p>Each backend documents its keys and reads them into its own typed config. Immutable and
 * thread-safe.
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
   * The system properties under a prefix, without it: {@code fromSystemProperties("skillrt.docker.")}
   * turns {@code -Dskillrt.docker.host=...} into {@code host}.
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
    return new RuntimeConfig("system property " + prefix, found);
  }

  /** This config with other values laid over it. */
  public RuntimeConfig with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    return new RuntimeConfig(origin, merged);
  }

  public Map<String, String> asMap() {
    return values;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String getString(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    return parse(
        key,
        defaultValue,
        v ->
            switch (v.toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on", "1" -> true;
              case "false", "no", "off", "0" -> false;
              default -> throw new IllegalArgumentException("expected true or false");
            });
  }

  public int getInt(String key, int defaultValue) {
    return parse(key, defaultValue, Integer::parseInt);
  }

  public Duration getDuration(String key, Duration defaultValue) {
    return parse(key, defaultValue, Durations::parse);
  }

  public DataSize getDataSize(String key, DataSize defaultValue) {
    return parse(key, defaultValue, DataSize::parse);
  }

  /** A comma-separated list; empty when absent. */
  public List<String> getList(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private <T> T parse(String key, T defaultValue, Function<String, T> parser) {
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return parser.apply(v.trim());
    } catch (RuntimeException e) {
      String where = origin.isEmpty() ? "" : " (" + origin + ")";
      throw new ConfigurationException(
          "runtime setting '" + key + "'" + where + " has a bad value \"" + v + "\": "
              + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "RuntimeConfig" + values.keySet();
  }
}
