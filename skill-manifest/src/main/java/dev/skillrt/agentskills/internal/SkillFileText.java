package dev.skillrt.agentskills.internal;

import java.util.Optional;

/**
 * A {@code SKILL.md} split into its frontmatter and body: the file opens with a line {@code ---},
 * the frontmatter runs to the next line {@code ---}, the body is what follows.
 *
 * @param frontmatter the text between the two lines (without them)
 * @param frontmatterLine the file line the frontmatter's first line is on (2)
 * @param body the text after the closing line
 */
public record SkillFileText(String frontmatter, int frontmatterLine, String body) {

  /** Why the text cannot be split, with the 1-based line it is about. */
  public record Failure(int line, String message) {}

  /** The split, or a failure saying what is missing. */
  public static Result split(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int firstEnd = lineEnd(t, 0);
    if (!isFence(t.substring(0, firstEnd))) {
      return new Result(
          Optional.empty(),
          Optional.of(
              new Failure(
                  1,
                  "no YAML frontmatter: SKILL.md must start with a line \"---\", then at least"
                      + " name: and description:, then a line \"---\" before the instructions")));
    }
    int start = next(t, firstEnd);
    int line = 2;
    for (int at = start; at < t.length(); line++) {
      int end = lineEnd(t, at);
      if (isFence(t.substring(at, end))) {
        return new Result(
            Optional.of(new SkillFileText(t.substring(start, at), 2, t.substring(next(t, end)))),
            Optional.empty());
      }
      at = next(t, end);
    }
    return new Result(
        Optional.empty(),
        Optional.of(
            new Failure(
                1,
                "the frontmatter opened by \"---\" at line 1 is never closed: no later line is \"---\";"
                    + " add a line \"---\" after the last frontmatter key")));
  }

  /** Either a split or a failure. */
  public record Result(Optional<SkillFileText> text, Optional<Failure> failure) {}

  private static boolean isFence(String line) {
    return line.stripTrailing().equals("---");
  }

  private static int lineEnd(String t, int from) {
    int nl = t.indexOf('\n', from);
    int end = nl < 0 ? t.length() : nl;
    return end > from && t.charAt(end - 1) == '\r' ? end - 1 : end;
  }

  private static int next(String t, int end) {
    if (end < t.length() && t.charAt(end) == '\r') {
      end++;
    }
    return end < t.length() && t.charAt(end) == '\n' ? end + 1 : end;
  }
}
