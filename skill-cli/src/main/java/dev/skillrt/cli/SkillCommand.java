package dev.skillrt.cli;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.cli.internal.CliContext;
import dev.skillrt.cli.internal.DescribeCommand;
import dev.skillrt.cli.internal.Failures;
import dev.skillrt.cli.internal.ListCommand;
import dev.skillrt.cli.internal.RunCommand;
import dev.skillrt.cli.internal.ServeCommand;
import dev.skillrt.cli.internal.ValidateCommand;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code skill} command: {@code list}, {@code describe}, {@code run}, {@code validate} and
 * {@code serve} (as an MCP server) the skills of a manifest. Without {@code --manifest} the
 * manifest is {@code $SKILL_MANIFEST}, else the first {@code .skill-engine.toml} or {@code
 * skill-engine.toml} from the working folder up.
 *
 * <p>Exit codes are listed in {@link ExitCodes} and in {@code skill --help}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Command(
    name = "skill",
    mixinStandardHelpOptions = true,
    versionProvider = SkillCommand.Version.class,
    description = "Lists, describes, runs, validates and serves (MCP) the skills of a manifest.",
    footer = {
      "",
      "Without --manifest: $SKILL_MANIFEST, else the first .skill-engine.toml or skill-engine.toml"
          + " from the working folder up.",
      "Runtime settings: java -Dskillrt.<runtime>.<key>=VALUE (e.g. skillrt.docker.host), or"
          + " DOCKER_HOST for Docker."
    })
public final class SkillCommand implements Callable<Integer> {

  private final CliContext context;

  private SkillCommand(CliContext context) {
    this.context = context;
  }

  @Option(
      names = {"-m", "--manifest"},
      paramLabel = "FILE",
      description = "The manifest to use.")
  void manifest(Path manifest) {
    context.manifest(manifest);
  }

  @Option(
      names = "--skills-dir",
      paramLabel = "DIR",
      description =
          "A folder of Agent Skills folders (each with a SKILL.md) to load besides the manifest's"
              + " (repeatable; works without a manifest).")
  void skillsDirectories(java.util.List<Path> directories) {
    // picocli calls this with every folder given so far, each time the option occurs
    context.skillsDirectories(directories);
  }

  @Option(
      names = "--plugin",
      paramLabel = "JAR",
      description =
          "A jar with a runtime of its own (repeatable; also $SKILL_PLUGINS, a list separated"
              + " like PATH).")
  void plugin(Path jar) {
    context.plugin(jar);
  }

  @Option(
      names = {"-v", "--verbose"},
      description = "Show stack traces and more detail on errors.")
  void verbose(boolean verbose) {
    context.verbose(verbose);
  }

  /** Without a subcommand: print the usage and exit with 2. */
  @Override
  public Integer call() {
    context.err().println("skill: say what to do: list, describe, run, validate or serve");
    context.err().println("Run 'skill --help' for usage.");
    return ExitCodes.USAGE;
  }

  /** Runs the command as a process: exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    // the real stdout is kept for the command's output (for serve: the protocol stream); anything
    // else that prints to System.out (a library, a stray println) goes to stderr instead
    PrintStream stdout = System.out;
    System.setOut(System.err);
    int code =
        execute(
            args,
            System.in,
            stdout,
            System.err,
            System.getenv(),
            Path.of("").toAbsolutePath(),
            true);
    stdout.flush();
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in this JVM.
   *
   * @param args the arguments after {@code skill}
   * @param in what {@code --stdin -} reads
   * @param out where the skill's stdout and the command's results go
   * @param err where the skill's stderr, warnings and errors go
   * @param environment the variables for {@code ${VAR}} expansion and manifest discovery
   * @param workingDirectory where relative paths resolve and discovery starts
   * @return the exit code (see {@link ExitCodes})
   */
  public static int execute(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Path workingDirectory) {
    return execute(args, in, out, err, environment, workingDirectory, false);
  }

  private static int execute(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Path workingDirectory,
      boolean cancelOnShutdown) {
    CliContext context =
        new CliContext(
            in,
            out,
            err,
            environment,
            workingDirectory.toAbsolutePath().normalize(),
            cancelOnShutdown);
    CommandLine cli = commandLine(context);
    cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cli.setExecutionExceptionHandler((e, command, parseResult) -> Failures.report(e, context));
    cli.setParameterExceptionHandler(Failures::reportUsage);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static CommandLine commandLine(CliContext context) {
    CommandLine cli = new CommandLine(new SkillCommand(context));
    cli.addSubcommand("list", new ListCommand(context));
    cli.addSubcommand("describe", new DescribeCommand(context));
    cli.addSubcommand("run", new RunCommand(context));
    cli.addSubcommand("validate", new ValidateCommand(context));
    cli.addSubcommand("serve", new ServeCommand(context));
    Map<String, String> codes = new LinkedHashMap<>();
    for (String line : ExitCodes.helpList()) {
      int colon = line.indexOf(':');
      codes.put(line.substring(0, colon), line.substring(colon + 1));
    }
    for (CommandLine c : new CommandLine[] {cli, cli.getSubcommands().get("run")}) {
      c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    }
    return cli;
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SkillCommand.class.getPackage().getImplementationVersion();
      return new String[] {"skill " + (v == null ? "(development build)" : v)};
    }
  }
}
