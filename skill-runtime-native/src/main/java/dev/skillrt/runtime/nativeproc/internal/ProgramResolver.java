package dev.skillrt.runtime.nativeproc.internal;

import dev.skillrt.api.Violation;
import dev.skillrt.runtime.nativeproc.CommandSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns a spec's program into an absolute path on a fixed PATH and checks it against the skill's
 * allow-list. Never consults the JVM's own {@code PATH}.
 *
 * <p>A program matches an allow-list entry when both resolve to the same real file <em>and</em>
 * have the same file name: {@code /bin/sh} matches {@code sh} on a merged-/usr host, but {@code
 * /bin/rm} does not match {@code ls} even when both are links to one multi-call binary.
 */
public final class ProgramResolver {

  /** Rule id: the program is a relative path or has {@code ..}. */
  public static final String RULE_PATH = "native.program-path";

  /** Rule id: the program is not on the skill's allow-list. */
  public static final String RULE_ALLOW_LIST = "native.allow-list";

  /** Rule id: the program cannot be found or is not executable. */
  public static final String RULE_NOT_FOUND = "native.program-not-found";

  private final List<Path> path;
  private final @Nullable Map<List<Object>, Resolution> remembered;

  /** Looks each program up on disk every time: what a call runs is judged as it is now. */
  public ProgramResolver(List<Path> path) {
    this(path, false);
  }

  private ProgramResolver(List<Path> path, boolean remember) {
    this.path = List.copyOf(path);
    this.remembered = remember ? new ConcurrentHashMap<>() : null;
  }

  /**
   * A resolver that remembers each answer, for one validation of a manifest: many tools name the
   * same program, and validation judges the host as it is at that moment. Never for calls.
   */
  public static ProgramResolver remembering(List<Path> path) {
    return new ProgramResolver(path, true);
  }

  /** The program's absolute path, or a violation that names it. */
  public Resolution resolve(CommandSpec spec) {
    Map<List<Object>, Resolution> memo = remembered;
    if (memo == null) {
      return lookUpAndJudge(spec);
    }
    return memo.computeIfAbsent(
        List.of(spec.program(), spec.allowedCommands()), key -> lookUpAndJudge(spec));
  }

  private Resolution lookUpAndJudge(CommandSpec spec) {
    String program = spec.program();
    Optional<Violation> shape = checkShape(program, "program");
    if (shape.isPresent()) {
      return Resolution.denied(shape.get());
    }
    Optional<Path> found = lookUp(program);
    if (found.isEmpty()) {
      return Resolution.denied(
          Violation.error(
              RULE_NOT_FOUND,
              "program '"
                  + program
                  + "' is not an executable file"
                  + (program.startsWith("/") ? "" : " on PATH " + path)
                  + "; install it or fix the skill's command",
              program));
    }
    Path resolved = found.get();
    if (spec.allowedCommands().isEmpty()) {
      return Resolution.denied(
          Violation.error(
              RULE_ALLOW_LIST,
              "program '"
                  + program
                  + "' cannot run: the skill lists no allowed commands;"
                  + " add it to allowed_commands",
              program));
    }
    for (String entry : spec.allowedCommands()) {
      if (checkShape(entry, "allowed command").isPresent()) {
        continue;
      }
      Optional<Path> allowed = lookUp(entry);
      if (allowed.isPresent() && sameProgram(resolved, allowed.get())) {
        return Resolution.allowed(resolved);
      }
    }
    return Resolution.denied(
        Violation.error(
            RULE_ALLOW_LIST,
            "program '"
                + program
                + "' ("
                + resolved
                + ") is not on the skill's allow-list "
                + spec.allowedCommands()
                + "; add it to allowed_commands if the skill needs it",
            program));
  }

  private static Optional<Violation> checkShape(String program, String what) {
    if (program.isEmpty() || program.indexOf('\0') >= 0) {
      return Optional.of(
          Violation.error(RULE_PATH, "the " + what + " is empty or has a NUL byte", program));
    }
    if (!program.startsWith("/") && program.contains("/")) {
      return Optional.of(
          Violation.error(
              RULE_PATH,
              what
                  + " '"
                  + program
                  + "' is a relative path; give an absolute path or a bare"
                  + " name looked up on PATH",
              program));
    }
    for (String part : program.split("/")) {
      if (part.equals("..") || part.equals(".")) {
        return Optional.of(
            Violation.error(
                RULE_PATH,
                what
                    + " '"
                    + program
                    + "' has a '"
                    + part
                    + "' segment; give a plain absolute"
                    + " path",
                program));
      }
    }
    return Optional.empty();
  }

  private Optional<Path> lookUp(String program) {
    if (program.startsWith("/")) {
      Path p = Path.of(program);
      return isExecutableFile(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path dir : path) {
      Path candidate = dir.resolve(program);
      if (isExecutableFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean isExecutableFile(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }

  private static boolean sameProgram(Path a, Path b) {
    if (!a.getFileName().equals(b.getFileName())) {
      return false;
    }
    try {
      return a.toRealPath().equals(b.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /** The outcome: an absolute path to run, or why not. */
  public record Resolution(Optional<Path> program, Optional<Violation> violation) {

    static Resolution allowed(Path program) {
      return new Resolution(Optional.of(program), Optional.empty());
    }

    static Resolution denied(Violation violation) {
      return new Resolution(Optional.empty(), Optional.of(violation));
    }
  }
}
