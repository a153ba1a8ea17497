package dev.skillrt.cli;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ExecutionResult;
import org.apiguardian.api.API;

/**
 * The exit codes of the {@code skill} command. They follow the conventions of {@code timeout(1)}
 * and {@code env(1)} (124, 125, 126) and of shells for signals (128 + signal number).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExitCodes {

  /** The command (and the skill) succeeded. */
  public static final int OK = 0;

  /** A skill failed without an exit code of its own (for example a WASM trap). */
  public static final int SKILL_FAILED = 1;

  /** Usage or configuration error: bad option, bad manifest, unknown skill, tool or parameter. */
  public static final int USAGE = 2;

  /** The skill ran past its timeout and was stopped. */
  public static final int TIMED_OUT = 124;

  /** A runtime or engine fault, for example Docker unreachable. */
  public static final int RUNTIME_FAULT = 125;

  /** A policy rule denied the call; nothing ran. */
  public static final int DENIED = 126;

  /** The call was cancelled (Ctrl-C): 128 + SIGINT. */
  public static final int CANCELLED = 130;

  /** The skill crossed a memory, CPU or output limit and was stopped: 128 + SIGKILL. */
  public static final int KILLED_BY_LIMIT = 137;

  private ExitCodes() {}

  /**
   * The exit code for a result: 0 when it succeeded, the skill's own exit code when it failed with
   * one (1 when that is outside 1..255), else the code for its status.
   */
  public static int of(ExecutionResult result) {
    return switch (result.status()) {
      case SUCCEEDED -> OK;
      case FAILED -> {
        int code = result.exitCode().orElse(SKILL_FAILED);
        yield code >= 1 && code <= 255 ? code : SKILL_FAILED;
      }
      case TIMED_OUT -> TIMED_OUT;
      case CANCELLED -> CANCELLED;
      case DENIED -> DENIED;
      case KILLED_BY_LIMIT -> KILLED_BY_LIMIT;
    };
  }

  /** The table printed by {@code --help} and shown in the README. */
  static String[] helpList() {
    return new String[] {
      "0:success",
      "1..255:the skill's own exit code when it fails (1 when it has none, e.g. a WASM trap)",
      "2:usage or configuration error (bad manifest, unknown skill, tool or parameter);"
          + " validate: the manifest has errors",
      "124:the skill timed out",
      "125:runtime or engine fault (e.g. Docker unreachable)",
      "126:denied by policy",
      "130:cancelled (Ctrl-C)",
      "137:killed for crossing a memory, CPU or output limit",
    };
  }
}
