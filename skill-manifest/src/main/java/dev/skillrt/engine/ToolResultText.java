package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.SkillException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The text a model gets back from a skill tool call, the same on every framework surface
 * (LangChain4j, Spring AI):
 *
 * <ul>
 *   <li>on success, the skill's stdout, as it printed it;
 *   <li>otherwise one short message the model can act on, beginning with {@code SKILL/TOOL}: the
 *       status, the exit code, the end of stderr ({@value #STDERR_TAIL} characters at most), each
 *       policy violation of a denial, and what to do;
 *   <li>for a call that never started (arguments that do not fit the tool, an unknown instance),
 *       the engine's message, which names the parameter, and an invitation to call again.
 * </ul>
 *
 * <p>The texts hold only what the engine already masked: stdout and stderr come from the result
 * (secrets shown as {@code ***}) and the engine's messages never echo a secret. Pure functions;
 * thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ToolResultText {

  /** How many characters of the end of stderr a failure's text quotes. */
  public static final int STDERR_TAIL = 400;

  private ToolResultText() {}

  /**
   * The text of a finished call.
   *
   * @param skill the skill name, as the manifest writes it
   * @param tool the tool name, as the manifest writes it
   * @param result what {@link SkillEngine#execute} returned
   */
  public static String of(String skill, String tool, ExecutionResult result) {
    String what = skill + "/" + tool;
    String stderr = result.stderr().text();
    String message = result.message().strip();
    String because = message.isEmpty() ? "" : " (" + message + ")";
    return switch (result.status()) {
      case SUCCEEDED -> result.stdout().text();
      case FAILED ->
          result.exitCode().isPresent()
              ? what
                  + " failed: it exited with code "
                  + result.exitCode().getAsInt()
                  + (message.equals("exited with " + result.exitCode().getAsInt()) ? "" : because)
                  + tail(stderr, "Read its stderr, then change the arguments or try another way.")
              : what
                  + " failed"
                  + because
                  + tail(stderr, "Change the arguments or try another way.");
      case TIMED_OUT ->
          what
              + " timed out after "
              + seconds(result.duration())
              + " and was stopped"
              + because
              + ". Retry with less work; its timeout is set in the manifest.";
      case DENIED -> {
        StringBuilder b = new StringBuilder(what + " was denied by policy and did not run:");
        Set<String> reasons = new LinkedHashSet<>();
        result.violations().forEach(v -> reasons.add("\n  [" + v.ruleId() + "] " + v.message()));
        if (reasons.isEmpty()) {
          reasons.add("\n  " + (message.isEmpty() ? "no reason was given" : message));
        }
        reasons.forEach(b::append);
        yield b.append("\nDo not retry the same call; the operator's policy must change first.")
            .toString();
      }
      case KILLED_BY_LIMIT ->
          what
              + " was stopped at a limit"
              + because
              + (result.stdout().truncated() || result.stderr().truncated()
                  ? "; its output was cut at the output limit"
                  : "")
              + ". Ask it for less output or less work.";
      case CANCELLED -> what + " was cancelled" + because + ".";
    };
  }

  /**
   * The text of a call the engine refused before running anything.
   *
   * @param skill the skill name
   * @param tool the tool name
   * @param refusal what {@link SkillEngine#execute} threw
   */
  public static String notRun(String skill, String tool, SkillException refusal) {
    String what = skill + "/" + tool;
    String message = String.valueOf(refusal.getMessage()).strip();
    if (refusal instanceof ConfigurationException || refusal instanceof NotFoundException) {
      return what + " did not run: " + message + "\nCorrect the arguments and call again.";
    }
    return what
        + " could not run: "
        + message
        + "\nThis is not caused by the arguments; retrying will not help.";
  }

  /**
   * The text of a call whose arguments are not a JSON object at all.
   *
   * @param skill the skill name
   * @param tool the tool name
   * @param found what was sent instead, in a few words (never the value itself)
   */
  public static String malformedArguments(String skill, String tool, String found) {
    return skill
        + "/"
        + tool
        + " did not run: its arguments must be one JSON object of the tool's parameters,"
        + " found "
        + found
        + ".\nSend them as a JSON object and call again.";
  }

  /** The end of stderr when there is some, then the advice on a line of its own. */
  private static String tail(String stderr, String advice) {
    String s = stderr.strip();
    if (s.isEmpty()) {
      return ". " + advice;
    }
    String end = s.length() <= STDERR_TAIL ? s : "..." + s.substring(s.length() - STDERR_TAIL);
    return "; the end of its stderr:\n" + end + "\n" + advice;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 || ms >= 10_000
        ? Math.round(ms / 1000.0) + " s"
        : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
