package dev.skillrt.runtime.docker.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One flag of {@code extra_args} as the parser understood it.
 *
 * @param name the canonical long name, lower case, without dashes ({@code -v} and {@code
 *     --volume} are both {@code volume}; {@code --net} is {@code network})
 * @param value the value given with the flag ({@code --x=v}, {@code --x v}, {@code -xv}), if any
 * @param raw the flag as written, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record Flag(String name, @Nullable String value, String raw) {

  /** The value, if the flag had one. */
  public Optional<String> valueIfAny() {
    return Optional.ofNullable(value);
  }

  /** The value, or the empty string. */
  public String valueOrEmpty() {
    return value == null ? "" : value;
  }

  /** Whether a boolean flag is on: no value, or a value that reads as true. */
  public boolean isOn() {
    return value == null || !(value.equalsIgnoreCase("false") || value.equals("0"));
  }

  @Override
  public String toString() {
    return raw;
  }
}
