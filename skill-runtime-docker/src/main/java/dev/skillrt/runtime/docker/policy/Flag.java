package dev.skillrt.runtime.docker.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One flag of {@code extra_args} as the parser understood it.
 *
 * @param name the canonical long name, lower case, without dashes ({@code -v} and {@code --volume}
 *     are both {@code volume}; {@code --net} is {@code network})
 * @param value the value given with the flag ({@code --x=v}, {@code --x v}, {@code -xv}), if any
 * @param raw the flag as written, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record Flag(String name, @Nullable String value, String raw) {

  /** Flags whose value may hold a secret: never shown past the variable's name. */
  static final Set<String> SECRET_VALUED = Set.of("env", "build-arg", "secret");

  /** The value, or the empty string. */
  public String valueOrEmpty() {
    return value == null ? "" : value;
  }

  /** Whether a boolean flag is on: no value, or a value that reads as true. */
  public boolean isOn() {
    return value == null || !(value.equalsIgnoreCase("false") || value.equals("0"));
  }

  /**
   * The flag as it may be shown in a message or a violation: as written, except that the value of a
   * flag that carries secrets ({@code --env NAME=value}, {@code --build-arg}, {@code --secret}) is
   * cut after its name ({@code --env=NAME=…}).
   */
  public String shown() {
    if (value == null || !SECRET_VALUED.contains(name)) {
      return raw;
    }
    int eq = value.indexOf('=');
    if (eq >= 0) {
      return flagName() + "=" + value.substring(0, eq) + "=…";
    }
    return flagName() + "=" + (value.matches("[A-Za-z_][A-Za-z0-9_]*") ? value : "…");
  }

  /** Only the flag's name, its value (if any) replaced by {@code …}: for flags nobody judged. */
  public String nameOnly() {
    return flagName() + (value == null ? "" : "=…");
  }

  private String flagName() {
    return name.startsWith("-") ? name : "--" + name;
  }

  @Override
  public String toString() {
    return shown();
  }
}
