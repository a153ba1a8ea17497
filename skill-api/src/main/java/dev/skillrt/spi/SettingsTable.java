package dev.skillrt.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.DataSize;
import dev.skillrt.api.Location;
import dev.skillrt.api.Mount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A read-only, located table of a manifest handed to a runtime's provider: the skill's {@code
 * [skills.NAME.<runtime-id>]} table (see {@link SkillRuntimeProvider#settings}).
 *
 * <p>Every getter checks the value's type, expands {@code ${VAR}} in strings and, when the value is
 * wrong, records a problem at the key's {@code file:line:column} and returns empty, so that every
 * problem of a manifest is reported at once. A getter never throws for a bad value. A table the
 * manifest does not write reads as empty ({@link #present()} is {@code false}).
 *
 * <p>Implemented by the manifest reader; valid only while {@link SkillRuntimeProvider#settings}
 * runs (keep the values read, not the table). Not thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface SettingsTable {

  /** The table's dotted name, e.g. {@code skills.convert.docker}, for messages. */
  String name();

  /** Whether the manifest writes this table. */
  boolean present();

  /** Where the table is written (where its skill is, when it is absent). */
  Location location();

  /** Where a key is written (the table's location when the key is absent). */
  Location location(String key);

  /** The keys written, in order. */
  Set<String> keys();

  boolean has(String key);

  /** A string. */
  Optional<String> string(String key);

  /** A string that must be there; when absent, a problem saying {@code hint} and {@code ""}. */
  String requiredString(String key, String hint);

  /** A string, number or boolean, as text ({@code expected} names what fits, for messages). */
  Optional<String> scalar(String key, String expected);

  /** {@code true} or {@code false}. */
  Optional<Boolean> bool(String key);

  /** An integer between {@code min} and {@code max}. */
  OptionalInt integer(String key, int min, int max);

  /** A positive finite number, written as a number or a string such as {@code "1.5"}. */
  OptionalDouble positiveNumber(String key);

  /** A size such as {@code "256m"} (a positive size when {@code positive}). */
  Optional<DataSize> size(String key, boolean positive);

  /** A duration such as {@code "30s"}. */
  Optional<Duration> duration(String key);

  /** An array of strings; a wrong element is a problem at the element. */
  Optional<List<String>> strings(String key);

  /** A string (one element, never split) or an array of strings. */
  Optional<List<String>> stringOrStrings(String key);

  /** A sub-table. */
  Optional<SettingsTable> table(String key);

  /** One of an enum's constants, written in lower case; otherwise a problem listing them. */
  <E extends Enum<E>> Optional<E> choice(String key, Class<E> type);

  /**
   * A path written at {@code key} (its value, or an element of its array), resolved against the
   * manifest's folder; an invalid path is a problem at {@code key}.
   */
  Optional<Path> resolve(String key, String written);

  /**
   * An array of host folder grants in the manifest's syntax, {@code HOST}, {@code HOST:GUEST} or
   * {@code HOST:GUEST:ro|rw} (host paths resolved against the manifest's folder); a wrong element
   * is a problem at the element.
   *
   * @param readOnlyByDefault the mode of an element that does not say {@code ro} or {@code rw}
   */
  Optional<List<Mount>> mounts(String key, boolean readOnlyByDefault);

  /** Reports each key not in {@code allowed}, suggesting the closest allowed one. */
  void checkKeys(Collection<String> allowed);

  /** A problem about the table as a whole, at its location. */
  void problem(String message);

  /** A problem about a key, at the key. */
  void problem(String key, String message);

  /** A problem about element {@code index} of the array at {@code key}, at the element. */
  void problem(String key, int index, String message);
}
