package dev.skillrt.runtime.docker.policy;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Parses upstream {@code extra_args} the way the {@code docker run} flag parser would (long flags
 * with {@code =} or a separate value, short flags chained or with the value attached), so that a
 * rule sees every flag however it is spelled. Nothing here decides what is allowed.
 *
 * @param flags every flag found, in order
 * @param problems tokens that are not flags (an image, a command) or flags missing their value
 * @param problemTokens for each problem, the token at fault as it may be shown ({@code NAME=…} when
 *     it looks like an assignment, whose value may be a secret)
 */
@API(status = INTERNAL, since = "0.1")
public record ExtraArgs(List<Flag> flags, List<String> problems, List<String> problemTokens) {

  /** docker run flags that take no value. */
  static final Set<String> BOOLEAN_FLAGS =
      Set.of(
          "init",
          "privileged",
          "read-only",
          "rm",
          "detach",
          "interactive",
          "tty",
          "publish-all",
          "oom-kill-disable",
          "no-healthcheck",
          "sig-proxy",
          "disable-content-trust",
          "quiet",
          "help",
          "use-api-socket");

  /** Short names and their long names. */
  static final Map<Character, String> SHORT_NAMES =
      Map.ofEntries(
          Map.entry('v', "volume"),
          Map.entry('e', "env"),
          Map.entry('p', "publish"),
          Map.entry('P', "publish-all"),
          Map.entry('u', "user"),
          Map.entry('w', "workdir"),
          Map.entry('l', "label"),
          Map.entry('h', "hostname"),
          Map.entry('i', "interactive"),
          Map.entry('t', "tty"),
          Map.entry('d', "detach"),
          Map.entry('m', "memory"),
          Map.entry('c', "cpu-shares"),
          Map.entry('q', "quiet"),
          Map.entry('a', "attach"));

  /** Long names docker accepts as aliases. */
  static final Map<String, String> ALIASES = Map.of("net", "network", "net-alias", "network-alias");

  public ExtraArgs {
    flags = List.copyOf(flags);
    problems = List.copyOf(problems);
    problemTokens = List.copyOf(problemTokens);
    if (problemTokens.size() != problems.size()) {
      throw new IllegalArgumentException("one token per problem");
    }
  }

  /** Parses the arguments; never throws. */
  public static ExtraArgs parse(List<String> args) {
    List<Flag> flags = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (token.startsWith("--") && token.length() > 2) {
        String body = token.substring(2);
        int eq = body.indexOf('=');
        String name = canonical(eq < 0 ? body : body.substring(0, eq));
        if (eq >= 0) {
          flags.add(new Flag(name, body.substring(eq + 1), token));
        } else if (BOOLEAN_FLAGS.contains(name)) {
          flags.add(new Flag(name, null, token));
        } else if (i + 1 < args.size()) {
          String value = args.get(++i);
          flags.add(new Flag(name, value, token + " " + value));
        } else {
          flags.add(new Flag(name, null, token));
          problems.add("flag " + token + " needs a value");
          tokens.add(token);
        }
      } else if (token.startsWith("-") && token.length() > 1 && !token.equals("--")) {
        i = parseShort(args, i, flags, problems, tokens);
      } else {
        String shown = shown(token);
        problems.add(
            "\""
                + shown
                + "\" is not a flag; extra_args holds only flags (the image and the"
                + " command have their own fields)");
        tokens.add(shown);
      }
    }
    return new ExtraArgs(flags, problems, tokens);
  }

  /** Every flag with this canonical name. */
  public List<Flag> named(String name) {
    return flags.stream().filter(f -> f.name().equals(name)).toList();
  }

  /**
   * A container path as the engine will read it: repeated slashes and {@code .} segments gone
   * ({@code //proc} and {@code /./dev/} are {@code /proc} and {@code /dev}), no trailing slash.
   */
  public static String normalizedContainerPath(String path) {
    String normalized = java.nio.file.Path.of(path).normalize().toString();
    return normalized.isEmpty() ? "/" : normalized;
  }

  /** A stray token as it may be shown: {@code NAME=…} when it looks like an assignment. */
  static String shown(String token) {
    int eq = token.indexOf('=');
    return eq < 0 ? token : token.substring(0, eq + 1) + "…";
  }

  private static int parseShort(
      List<String> args, int i, List<Flag> flags, List<String> problems, List<String> tokens) {
    String token = args.get(i);
    String letters = token.substring(1);
    for (int k = 0; k < letters.length(); k++) {
      char c = letters.charAt(k);
      String name = SHORT_NAMES.getOrDefault(c, "-" + c);
      if (BOOLEAN_FLAGS.contains(name)) {
        String rest = letters.substring(k + 1);
        if (rest.startsWith("=")) {
          flags.add(new Flag(name, rest.substring(1), token));
          return i;
        }
        flags.add(new Flag(name, null, "-" + c));
        continue;
      }
      String rest = letters.substring(k + 1);
      if (!rest.isEmpty()) {
        String value = rest.startsWith("=") ? rest.substring(1) : rest;
        flags.add(new Flag(name, value, token));
        return i;
      }
      if (i + 1 < args.size()) {
        String value = args.get(i + 1);
        flags.add(new Flag(name, value, "-" + c + " " + value));
        return i + 1;
      }
      flags.add(new Flag(name, null, "-" + c));
      problems.add("flag -" + c + " needs a value");
      tokens.add("-" + c);
      return i;
    }
    return i;
  }

  private static String canonical(String longName) {
    String lower = longName.toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(lower, lower);
  }
}
