package dev.skillrt.cli.internal;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.NotFoundException;
import dev.skillrt.api.PolicyViolationException;
import dev.skillrt.api.Problem;
import dev.skillrt.api.RuntimeUnavailableException;
import dev.skillrt.api.SkillException;
import dev.skillrt.api.Violation;
import dev.skillrt.cli.ExitCodes;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns what went wrong into a few plain lines on stderr (what, where, what to do) and an exit
 * code. A stack trace only with {@code --verbose}.
 */
public final class Failures {

  private Failures() {}

  /** For exceptions thrown by a subcommand. */
  public static int report(Exception e, CliContext context) {
    PrintStream err = context.err();
    int code;
    if (e instanceof UsageException) {
      err.println("skill: " + e.getMessage());
      code = ExitCodes.USAGE;
    } else if (e instanceof ConfigurationException c) {
      printProblems(err, c);
      code = ExitCodes.USAGE;
    } else if (e instanceof NotFoundException n) {
      err.println("skill: " + n.getMessage());
      err.println("Run 'skill list' or 'skill describe SKILL' to see what exists.");
      code = ExitCodes.USAGE;
    } else if (e instanceof PolicyViolationException p) {
      err.println("skill: denied by policy:");
      for (Violation v : p.violations()) {
        err.println("  [" + v.ruleId() + "] " + v.message());
      }
      code = ExitCodes.DENIED;
    } else if (e instanceof RuntimeUnavailableException r) {
      err.println("skill: the " + r.runtimeId() + " runtime is unavailable:");
      for (String reason : r.reasons()) {
        err.println("  " + reason);
      }
      err.println("Start it (or point the runtime at it, e.g. DOCKER_HOST for Docker) and retry.");
      code = ExitCodes.RUNTIME_FAULT;
    } else if (e instanceof SkillException) {
      err.println("skill: runtime fault: " + e.getMessage());
      code = ExitCodes.RUNTIME_FAULT;
    } else {
      err.println("skill: internal error: " + e);
      if (!context.verbose()) {
        err.println("Rerun with --verbose for the stack trace, and report it.");
      }
      code = ExitCodes.RUNTIME_FAULT;
    }
    if (context.verbose()) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** For command lines picocli cannot parse. */
  public static int reportUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("skill: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)
        && !cli.getSubcommands().isEmpty()) {
      err.println("The commands are: " + String.join(", ", cli.getSubcommands().keySet()) + ".");
    }
    String name = cli.getCommandSpec().qualifiedName();
    err.println("Run '" + name + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }

  static void printProblems(PrintStream err, ConfigurationException c) {
    for (Problem p : c.problems()) {
      err.println(problemLine(p, "error"));
    }
  }

  /** {@code file:line:column: error: message}, as compilers print it. */
  static String problemLine(Problem p, String severity) {
    String where = p.location();
    return (where.isEmpty() ? "skill" : where) + ": " + severity + ": " + p.message();
  }
}
