package dev.skillrt.agentskills.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The frontmatter's {@code allowed-tools} as a policy input for a skill's scripts.
 *
 * <p>A script call is the command line {@code scripts/FILE ARGS...} (also written {@code
 * INTERPRETER scripts/FILE ARGS...}). An entry admits it when it is:
 *
 * <ul>
 *   <li>{@code Bash} or {@code Bash(*)}: any command;
 *   <li>{@code Bash(PREFIX:*)}: a command line equal to {@code PREFIX} or starting with {@code
 *       PREFIX}, compared word by word with the arguments ({@code Bash(scripts/report.py:*)},
 *       {@code Bash(python3:*)});
 *   <li>{@code Bash(COMMAND)}: exactly that command line;
 *   <li>the script's tool name ({@code report}) or its file ({@code scripts/report.py}).
 * </ul>
 *
 * Other entries ({@code Read}, {@code WebFetch}, ...) name an agent's own tools and admit no
 * script.
 */
public final class AllowedTools {

  private AllowedTools() {}

  /** Entries, and whether commas separated any. */
  public record Split(List<String> entries, boolean commas) {}

  /** Splits at spaces and commas outside parentheses ({@code Bash(git add:*)} stays one entry). */
  public static Split split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean commas = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      }
      boolean separator = depth == 0 && (Character.isWhitespace(c) || c == ',');
      if (separator) {
        commas |= c == ',';
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return new Split(List.copyOf(out), commas);
  }

  /**
   * Whether one of {@code entries} admits the call.
   *
   * @param tool the script's tool name
   * @param script the script's path in the folder ({@code scripts/x.py})
   * @param interpreter the interpreter that runs it
   * @param args the call's arguments
   */
  public static boolean admits(
      List<String> entries, String tool, String script, String interpreter, List<String> args) {
    List<String> plain = new ArrayList<>();
    plain.add(script);
    plain.addAll(args);
    List<String> interpreted = new ArrayList<>();
    interpreted.add(interpreter);
    interpreted.addAll(plain);
    for (String entry : entries) {
      if (entry.equals("Bash")
          || entry.equals("Bash(*)")
          || entry.equals(tool)
          || entry.equals(script)) {
        return true;
      }
      if (entry.startsWith("Bash(") && entry.endsWith(")")) {
        String inner = entry.substring(5, entry.length() - 1).strip();
        boolean prefix = inner.endsWith(":*");
        List<String> words = words(prefix ? inner.substring(0, inner.length() - 2) : inner);
        if (!words.isEmpty()
            && (matches(plain, words, prefix) || matches(interpreted, words, prefix))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Compared argument by argument, so one argument holding a space never passes for two. */
  private static boolean matches(List<String> call, List<String> words, boolean prefix) {
    if (prefix ? call.size() < words.size() : call.size() != words.size()) {
      return false;
    }
    return call.subList(0, words.size()).equals(words);
  }

  private static List<String> words(String text) {
    return java.util.Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
