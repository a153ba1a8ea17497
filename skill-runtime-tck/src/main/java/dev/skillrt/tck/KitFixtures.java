package dev.skillrt.tck;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.LimitKind;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.api.StreamKind;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The skills the {@link SkillRuntimeCompatibilityKit} runs, in a runtime's own terms: each method
 * returns the spec of a skill that does one simple thing. A runtime that can run a shell script
 * implements {@link ShellFixtures} instead, which derives them all from one method.
 *
 * <p>Called from the kit's test threads, several at once in the concurrency group; each call
 * returns a fresh spec.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface KitFixtures {

  /** Copies standard input to standard output unchanged (binary included), then exits 0. */
  RuntimeSpec echoStdin();

  /** Prints the value of the environment variable {@code name} to stdout (a newline may follow). */
  RuntimeSpec printEnv(String name);

  /** Prints {@code text} to standard error (only there), then exits 0. */
  RuntimeSpec printToStderr(String text);

  /** Exits with {@code code} (1..125) and prints nothing. */
  RuntimeSpec exitWith(int code);

  /** Writes {@code count} bytes to {@code stream}, then exits 0. */
  RuntimeSpec writeBytes(StreamKind stream, long count);

  /** Never ends by itself. */
  RuntimeSpec sleepForever();

  /**
   * Writes a line (any text) to stdout, then never ends by itself: the kit waits for that output to
   * know the call is under way before it closes the runtime.
   */
  RuntimeSpec announceThenSleepForever();

  /**
   * Starts a child (a process, a thread) that sleeps forever, then sleeps forever itself. A runtime
   * whose calls start nothing of their own returns empty, and the kit runs {@link #sleepForever()}
   * where it would have run this.
   */
  Optional<RuntimeSpec> spawnChildThatSleepsForever();

  /**
   * Allocates memory without end; asked only when the runtime enforces {@link LimitKind#MEMORY}
   * (then empty fails the kit).
   */
  default Optional<RuntimeSpec> allocateMemoryForever() {
    return Optional.empty();
  }
}
