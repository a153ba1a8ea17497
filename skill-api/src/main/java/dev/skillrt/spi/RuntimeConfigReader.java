package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.STABLE;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Durations;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.Suggestions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads a runtime's settings the same way in every backend: keys in kebab-case, typed getters that
 * never throw (a bad value is recorded as a problem of its own, located at the key's source, and
 * the default is returned), and {@link #finish()}, which reports every key nobody read as unknown
 * with the closest known key. A backend reads all its keys, adds its own checks with {@link
 * #problem}, then calls {@code finish()}:
 *
 * <pre>{@code
 * RuntimeConfigReader r = config.reader("echo");
 * Duration delay = r.duration("delay", Duration.ZERO);
 * int retries = r.integer("retries", 3);
 * if (retries < 0) r.problem("retries", "must be 0 or more, was " + retries);
 * r.finish(); // throws ConfigurationException with one problem per bad or unknown key
 * }</pre>
 *
 * <p>Not thread-safe; one reader per reading.
 */
@API(status = STABLE, since = "0.2")
public final class RuntimeConfigReader {

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private final String runtimeId;
  private final RuntimeConfig config;
  private final Set<String> known = new LinkedHashSet<>();
  private final List<Problem> problems = new ArrayList<>();

  RuntimeConfigReader(String runtimeId, RuntimeConfig config) {
    this.runtimeId = runtimeId;
    this.config = config;
  }

  /** The value of a key the backend knows; empty when not set. */
  public Optional<String> optional(String key) {
    known.add(checkedKey(key));
    return config.get(key);
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  /** {@code true}/{@code false} (also yes/no, on/off, 1/0). */
  public boolean bool(String key, boolean defaultValue) {
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

  /** A whole number of at least {@code min}. */
  public int integer(String key, int defaultValue, int min) {
    int value =
        parse(
            key,
            defaultValue,
            v -> {
              try {
                return Integer.parseInt(v);
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
              }
            });
    if (value < min) {
      problem(key, "must be at least " + min + ", was " + value);
      return defaultValue;
    }
    return value;
  }

  /** A duration such as {@code 500ms}, {@code 5s} or {@code 2m}. */
  public Duration duration(String key, Duration defaultValue) {
    return parse(key, defaultValue, Durations::parse);
  }

  /** A size such as {@code 64m} or {@code 1g}. */
  public DataSize size(String key, DataSize defaultValue) {
    return parse(key, defaultValue, DataSize::parse);
  }

  /** An absolute path, normalised. */
  public Path absolutePath(String key, Path defaultValue) {
    return parse(
        key,
        defaultValue,
        v -> {
          Path p;
          try {
            p = Path.of(v);
          } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + e.getReason());
          }
          if (!p.isAbsolute()) {
            throw new IllegalArgumentException("expected an absolute path");
          }
          return p.normalize();
        });
  }

  /** A comma-separated list, entries trimmed; {@code defaultValue} when the key is not set. */
  public List<String> list(String key, List<String> defaultValue) {
    return optional(key)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(defaultValue);
  }

  /** Records a problem with the value of {@code key}, found by the backend's own checks. */
  public void problem(String key, String message) {
    problems.add(Problem.of(config.source(runtimeId, key) + ": " + message));
  }

  /**
   * Reports the problems found so far and every key that was set but never read.
   *
   * @throws ConfigurationException with one problem per bad or unknown key
   */
  public void finish() {
    List<Problem> all = new ArrayList<>(problems);
    for (String key : config.asMap().keySet()) {
      if (!known.contains(key)) {
        all.add(
            Problem.of(
                config.source(runtimeId, key)
                    + ": the "
                    + runtimeId
                    + " runtime has no setting "
                    + Echo.quoted(key)
                    + Suggestions.didYouMean(key, known)
                    + " (settings: "
                    + String.join(", ", known)
                    + ")"));
      }
    }
    if (!all.isEmpty()) {
      throw new ConfigurationException(all);
    }
  }

  private <T> T parse(String key, T defaultValue, Function<String, T> parser) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return parser.apply(raw.get().trim());
    } catch (RuntimeException e) {
      String why = String.valueOf(e.getMessage());
      // parsers that quote the value already say which one
      problem(
          key,
          why.contains(Echo.quoted(raw.get().trim()))
              ? why
              : "bad value " + Echo.quoted(raw.get()) + ": " + why);
      return defaultValue;
    }
  }

  private static String checkedKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("setting keys are kebab-case, not \"" + key + "\"");
    }
    return key;
  }
}
