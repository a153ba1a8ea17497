package dev.skillrt.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.Cancellation;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Durations;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.Limits;
import dev.skillrt.api.StreamKind;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.cli.ExitCodes;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skill run SKILL TOOL ...}: runs one tool call, streaming the skill's stdout and stderr as
 * they come (or, with {@code --json}, printing one result object), and exits with the code for how
 * it ended.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run one tool of a skill. Its stdout and stderr stream to yours as they come;"
          + " with --json one JSON result object is printed instead.",
      "For a skill that declares no tools, TOOL is the command and the arguments after -- follow it.",
      "For an Agent Skills folder, TOOL is a script of its scripts/ (without extension) and the"
          + " arguments after -- are the script's."
    })
public final class RunCommand implements Callable<Integer> {

  /** The most {@code --stdin} sends to a skill: 16 MiB. */
  public static final DataSize MAX_STDIN = DataSize.ofMebibytes(16);

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "SKILL", description = "The skill.")
  String skill = "";

  @Parameters(
      index = "1",
      paramLabel = "TOOL",
      description = "The tool (or command, for a skill without tools).")
  String tool = "";

  @Parameters(
      index = "2..*",
      paramLabel = "POSITIONAL",
      description = "After --: arguments for a skill that declares no tools.")
  List<String> positional = new ArrayList<>();

  @Option(
      names = "--instance",
      paramLabel = "NAME",
      description = "The skill instance (default: the skill's default).")
  @Nullable String instance;

  @Option(
      names = "--arg",
      paramLabel = "KEY=VALUE",
      description = "A tool parameter, converted to its declared type; repeatable.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--args-json",
      paramLabel = "JSON",
      description = "Tool parameters as one JSON object.")
  @Nullable String argsJson;

  @Option(
      names = "--stdin",
      paramLabel = "FILE|-",
      description = "Send this file (- for your stdin) to the skill's stdin.")
  @Nullable String stdin;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "A timeout tighter than the skill's, e.g. 500ms, 10s, 2m.")
  @Nullable String timeout;

  @Option(names = "--json", description = "Print one JSON result object instead of streaming.")
  boolean json;

  @Option(
      names = "--audit",
      paramLabel = "FILE",
      description = "Append the call's audit event (one JSON line) to FILE.")
  @Nullable Path audit;

  public RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ExecuteOptions.Builder options = ExecuteOptions.builder().positionalArguments(positional);
    if (instance != null) {
      options.instance(instance);
    }
    if (timeout != null) {
      options.limits(Limits.builder().timeout(parseTimeout(timeout)).build());
    }
    if (stdin != null) {
      options.stdin(readStdin(stdin));
    }
    try (SkillEngine engine = context.engine(context.loadManifest(), Optional.ofNullable(audit))) {
      SkillDefinition definition = engine.skill(skill);
      Optional<ToolDefinition> toolDefinition =
          definition.tools().isEmpty() ? Optional.empty() : Optional.of(definition.tool(tool));
      ObjectNode arguments =
          ArgumentConverter.arguments(skill, toolDefinition, Optional.ofNullable(argsJson), args);
      if (engine.agentSkills().contains(skill) && !positional.isEmpty()) {
        // a script's arguments after --: each one argument of args, as typed
        if (arguments.has("args")) {
          throw new UsageException(
              "give the script's arguments either after -- or as --arg args=..., not both");
        }
        positional.forEach(arguments.putArray("args")::add);
        options.positionalArguments(List.of());
      }
      if (!json) {
        options.outputListener(this::stream);
      }
      Cancellation cancellation = Cancellation.create();
      options.cancellation(cancellation);
      ExecutionResult result = runCancellable(engine, arguments, options.build(), cancellation);
      if (json) {
        ResultJson.write(context.out(), skill, tool, engine.runtimeOf(skill), result);
        context.out().flush();
      } else {
        explain(result);
      }
      return ExitCodes.of(result);
    }
  }

  /** Runs the call; in a real process, a JVM shutdown (Ctrl-C) cancels it and waits for cleanup. */
  private ExecutionResult runCancellable(
      SkillEngine engine, ObjectNode arguments, ExecuteOptions options, Cancellation cancellation) {
    if (!context.cancelOnShutdown()) {
      return engine.execute(skill, tool, arguments, options);
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              cancellation.cancel();
              try {
                finished.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "skill-cancel-on-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return engine.execute(skill, tool, arguments, options);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running; it returns now that the call has finished
      }
    }
  }

  private void stream(StreamKind kind, byte[] chunk) {
    PrintStream target = kind == StreamKind.STDERR ? context.err() : context.out();
    synchronized (target) {
      target.write(chunk, 0, chunk.length);
      target.flush();
    }
  }

  /** After streaming: a line on stderr when the call did not simply succeed. */
  private void explain(ExecutionResult result) {
    PrintStream err = context.err();
    String what = skill + "/" + tool;
    String message = result.message().isBlank() ? "" : ": " + result.message();
    switch (result.status()) {
      case SUCCEEDED -> {}
      case FAILED -> {
        if (result.exitCode().isEmpty()) {
          err.println("skill: " + what + " failed" + message);
        } else if (context.verbose()) {
          err.println("skill: " + what + " exited with " + result.exitCode().getAsInt() + message);
        }
      }
      case TIMED_OUT ->
          err.println(
              "skill: "
                  + what
                  + " timed out"
                  + message
                  + "; give it more time with --timeout (up to the skill's limit) or raise the limit in the manifest");
      case DENIED -> {
        err.println("skill: " + what + " was denied by policy; nothing ran:");
        result.violations().stream()
            .map(v -> "  [" + v.ruleId() + "] " + v.message())
            .distinct()
            .forEach(err::println);
      }
      case KILLED_BY_LIMIT -> err.println("skill: " + what + " was stopped at a limit" + message);
      case CANCELLED -> err.println("skill: " + what + " was cancelled" + message);
    }
    if (result.stdout().truncated() || result.stderr().truncated()) {
      err.println(
          "skill: output was cut at the output limit ("
              + (result.stdout().truncated() ? "stdout" : "")
              + (result.stdout().truncated() && result.stderr().truncated() ? ", " : "")
              + (result.stderr().truncated() ? "stderr" : "")
              + ")");
    }
    err.flush();
  }

  private static Duration parseTimeout(String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("it must be positive");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--timeout "
              + Echo.of(text)
              + ": not a duration ("
              + Echo.of(String.valueOf(e.getMessage()))
              + "); use e.g. 500ms, 10s or 2m");
    }
  }

  /**
   * The bytes for the skill's stdin, at most {@link #MAX_STDIN}: from our stdin, or from a file (a
   * pipe or device too, read only up to the limit).
   */
  private byte[] readStdin(String source) {
    String name = Echo.of(source);
    int max = (int) MAX_STDIN.bytes();
    byte[] bytes;
    try {
      if (source.equals("-")) {
        bytes = context.in().readNBytes(max + 1);
      } else {
        Path file = context.workingDirectory().resolve(Path.of(source));
        if (Files.isDirectory(file)) {
          throw new UsageException(
              "--stdin " + name + ": is a folder; give a file, or - for your stdin");
        }
        try (InputStream in = Files.newInputStream(file)) {
          bytes = in.readNBytes(max + 1);
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UsageException(
          "--stdin " + name + ": no such file; give a readable file, or - for your stdin");
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new UsageException(
          "--stdin "
              + name
              + ": cannot read it ("
              + Echo.of(e.toString())
              + "); give a readable file, or - for your stdin");
    }
    if (bytes.length > max) {
      throw new UsageException(
          "--stdin "
              + name
              + ": more than "
              + (MAX_STDIN.bytes() >> 20)
              + " MiB, the most skill run sends to a skill's"
              + " stdin; send less, or grant the skill the folder of the file (allowed_paths) and pass"
              + " its path instead");
    }
    return bytes;
  }
}
