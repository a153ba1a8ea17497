package dev.skillrt.cli.internal;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.cli.ExitCodes;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ValidationReport;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.mcp.HttpSettings;
import dev.skillrt.mcp.SkillMcpServer;
import dev.skillrt.mcp.ToolSelection;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skill serve}: serves the manifest's skills as MCP tools, over stdio (the default) or
 * Streamable HTTP at {@code /mcp}, until the client closes the input or the process is stopped;
 * then cancels the calls in flight, closes the engine and exits 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the skills as MCP tools: over stdio (one JSON-RPC message a line), or with --http"
          + " as Streamable HTTP at /mcp.",
      "Each skill tool is the MCP tool SKILL__TOOL; --tools meta serves list_skills and execute instead."
    })
public final class ServeCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--http",
      paramLabel = "[HOST:]PORT",
      description = "Serve Streamable HTTP at /mcp (host default 127.0.0.1).")
  @Nullable String http;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Require Authorization: Bearer with the token in FILE (mode 0600).")
  @Nullable Path tokenFile;

  @Option(
      names = "--allow-origin",
      paramLabel = "ORIGIN",
      description = "A browser origin allowed besides loopback ones; repeatable.")
  List<String> allowOrigins = new ArrayList<>();

  @Option(
      names = "--tools",
      paramLabel = "SET",
      description = "skills (default), meta (list_skills and execute) or both.")
  String tools = "skills";

  @Option(
      names = "--audit",
      paramLabel = "FILE",
      description = "Append one JSON line per call to FILE.")
  @Nullable Path audit;

  @Option(
      names = "--watch",
      description = "Reload the manifest when it changes (and still validates).")
  boolean watch;

  public ServeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    ToolSelection selection = selection();
    Optional<HttpSettings> settings =
        http == null ? Optional.empty() : Optional.of(httpSettings(http));
    if (http == null && (tokenFile != null || !allowOrigins.isEmpty())) {
      throw new UsageException("--token-file and --allow-origin apply to --http only");
    }
    Optional<Path> manifestPath = context.manifestFile();
    if (watch && manifestPath.isEmpty()) {
      throw new UsageException(
          "--watch follows a manifest file, and none was given or found; give one with --manifest");
    }
    SkillEngine engine = context.engine(context.loadManifest(), Optional.ofNullable(audit));
    PrintStream err = context.err();
    warn(engine);
    SkillMcpServer.Builder builder =
        SkillMcpServer.builder(engine).tools(selection).serverInfo("skill", version());
    SkillMcpServer server;
    try {
      server =
          settings.isPresent()
              ? builder.http(settings.get())
              : builder.stdio(context.in(), context.out());
    } catch (java.io.UncheckedIOException e) {
      engine.close();
      throw new UsageException(
          String.valueOf(e.getMessage())); // e.g. the port is taken: the user picks another
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    settings.ifPresent(
        s ->
            err.println(
                "skill: serving MCP at http://"
                    + hostForUrl(server.address().orElseThrow())
                    + "/mcp"));
    ManifestWatcher watcher =
        watch ? new ManifestWatcher(manifestPath.get(), 500, f -> reload(server)) : null;
    if (watcher != null) {
      watcher.start();
    }
    Thread hook =
        new Thread(
            () -> {
              server.close();
              context.out().flush();
              err.flush();
              Runtime.getRuntime().halt(ExitCodes.OK); // a stop asked for is a clean end
            },
            "skill-serve-shutdown");
    if (context.cancelOnShutdown()) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    try {
      server.awaitTermination();
    } finally {
      if (watcher != null) {
        watcher.close();
      }
      server.close();
      if (context.cancelOnShutdown()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is closing the server already
        }
      }
    }
    return ExitCodes.OK;
  }

  private void reload(SkillMcpServer server) {
    PrintStream err = context.err();
    Manifest loaded;
    try {
      loaded = context.loadManifest();
    } catch (ConfigurationException e) {
      err.println(
          "skill: the manifest changed but does not validate; still serving the previous tools:");
      Failures.printProblems(err, e);
      err.flush();
      return;
    } catch (RuntimeException e) {
      err.println(
          "skill: the manifest changed but cannot be loaded ("
              + e.getMessage()
              + "); still serving the previous tools");
      return;
    }
    SkillEngine next = context.engine(loaded, Optional.ofNullable(audit));
    warn(next);
    server.replaceEngine(next);
    err.println("skill: the manifest changed; now serving " + server.tools().size() + " tools");
    err.flush();
  }

  /** What {@code skill validate} would say, on stderr: the server runs anyway. */
  private void warn(SkillEngine engine) {
    ValidationReport report = engine.validate();
    report.errors().forEach(p -> context.err().println(Failures.problemLine(p, "error")));
    report.warnings().forEach(p -> context.err().println(Failures.problemLine(p, "warning")));
    if (!report.errors().isEmpty()) {
      context
          .err()
          .println(
              "skill: calls of the tools above will be denied; run 'skill validate' for details");
    }
    context.err().flush();
  }

  private ToolSelection selection() {
    return switch (tools.toLowerCase(Locale.ROOT)) {
      case "skills" -> ToolSelection.SKILLS;
      case "meta" -> ToolSelection.META;
      case "both" -> ToolSelection.BOTH;
      default ->
          throw new UsageException(
              "--tools " + Echo.of(tools) + ": not a tool set; use skills, meta or both");
    };
  }

  private HttpSettings httpSettings(String given) {
    String spec = given.strip();
    String host = "127.0.0.1";
    String port = spec;
    int colon = spec.lastIndexOf(':');
    if (colon >= 0) {
      host = spec.substring(0, colon);
      port = spec.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || p > 65535 || host.isEmpty()) {
      throw new UsageException(
          "--http " + Echo.of(spec) + ": not [HOST:]PORT; use e.g. 8080 or 127.0.0.1:8080");
    }
    InetSocketAddress address = new InetSocketAddress(host, p);
    if (address.isUnresolved()) {
      throw new UsageException(
          "--http " + Echo.of(spec) + ": cannot resolve host " + Echo.of(host));
    }
    Optional<String> token =
        tokenFile == null ? Optional.empty() : Optional.of(TokenFile.read(tokenFile));
    try {
      return new HttpSettings(address, token, new HashSet<>(allowOrigins));
    } catch (IllegalArgumentException e) {
      throw new UsageException(Objects.requireNonNullElse(e.getMessage(), "--http: " + e));
    }
  }

  private static String hostForUrl(InetSocketAddress a) {
    String h = a.getAddress().getHostAddress();
    return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
  }

  private static String version() {
    String v = ServeCommand.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
