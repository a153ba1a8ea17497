package dev.skillrt.tck;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The kit's fixtures for a runtime that can run a POSIX shell script ({@code sh -c SCRIPT}): it
 * supplies {@link #shell(String)} and inherits every fixture as a shell one-liner using {@code
 * cat}, {@code printf}, {@code head}, {@code sleep} and {@code /dev/zero} (all in busybox).
 *
 * <pre>{@code
 * protected KitFixtures fixtures() {
 *   return (ShellFixtures) script -> ContainerSpec.builder("busybox").command(List.of("sh", "-c", script)).build();
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface ShellFixtures extends KitFixtures {

  /**
   * A skill that runs {@code script} with {@code sh -c}, with the request's stdin and environment.
   */
  RuntimeSpec shell(String script);

  @Override
  default RuntimeSpec echoStdin() {
    return shell("exec cat");
  }

  @Override
  default RuntimeSpec printEnv(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not an environment variable name: " + name);
    }
    return shell("printf '%s\\n' \"$" + name + "\"");
  }

  @Override
  default RuntimeSpec printToStderr(String text) {
    return shell("printf '%s' " + quoted(text) + " >&2");
  }

  @Override
  default RuntimeSpec exitWith(int code) {
    return shell("exit " + code);
  }

  @Override
  default RuntimeSpec writeBytes(StreamKind stream, long count) {
    return shell("head -c " + count + " /dev/zero" + (stream == StreamKind.STDERR ? " >&2" : ""));
  }

  @Override
  default RuntimeSpec sleepForever() {
    return shell("exec sleep 100000");
  }

  @Override
  default RuntimeSpec announceThenSleepForever() {
    return shell("echo started; exec sleep 100000");
  }

  @Override
  default Optional<RuntimeSpec> spawnChildThatSleepsForever() {
    return Optional.of(shell("sleep 100000 & sleep 100001"));
  }

  @Override
  default Optional<RuntimeSpec> allocateMemoryForever() {
    return Optional.of(shell("x=x; while :; do x=\"$x$x\"; done"));
  }

  /** {@code text} as one single-quoted shell word. */
  static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
