package dev.skillrt.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.cli.ExitCodes;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ValidationReport;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skill validate [--json]}: syntax, types, variable expansion, routing and every policy rule
 * of every skill, instance and tool, without running anything. Prints every problem as {@code
 * file:line:column: error: message}; exits 0 when there is no error, 2 otherwise.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the manifest without running anything: syntax, types, variables, routing and every"
          + " policy rule, for every skill.",
      "Exits 0 when there are no errors (warnings allowed), 2 otherwise."
    })
public final class ValidateCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--json", description = "Print one JSON object with every error and warning.")
  boolean json;

  @Option(
      names = "--strict",
      description = "Count every warning as an error (Agent Skills folders included).")
  boolean strict;

  public ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Optional<Path> manifestFile = context.manifestFile();
    String file = manifestFile.map(Path::toString).orElse("--skills-dir");
    ValidationReport report;
    int skills = 0;
    int tools = 0;
    try {
      ManifestLoader loader = context.loader();
      Manifest manifest = manifestFile.map(loader::load).orElseGet(loader::loadSkillFoldersOnly);
      skills = manifest.skills().size();
      tools = manifest.skills().values().stream().mapToInt(s -> s.tools().size()).sum();
      try (SkillEngine engine = context.engine(manifest)) {
        report = engine.validate();
      }
    } catch (ConfigurationException e) {
      report = new ValidationReport(e.problems(), List.of());
    }
    if (strict && !report.warnings().isEmpty()) {
      List<Problem> errors = new java.util.ArrayList<>(report.errors());
      errors.addAll(report.warnings());
      report = new ValidationReport(errors, List.of());
    }
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("manifest", file);
      o.put("valid", report.isValid());
      o.put("skills", skills);
      o.put("tools", tools);
      o.set("errors", problems(report.errors()));
      o.set("warnings", problems(report.warnings()));
      context.printJson(o);
    } else {
      PrintStream err = context.err();
      report.errors().forEach(p -> err.println(Failures.problemLine(p, "error")));
      report.warnings().forEach(p -> err.println(Failures.problemLine(p, "warning")));
      String counts =
          report.warnings().isEmpty()
              ? ""
              : " ("
                  + report.warnings().size()
                  + " warning"
                  + (report.warnings().size() == 1 ? "" : "s")
                  + ")";
      if (report.isValid()) {
        context
            .out()
            .println(
                file
                    + ": valid: "
                    + skills
                    + " skill"
                    + (skills == 1 ? "" : "s")
                    + ", "
                    + tools
                    + " tool"
                    + (tools == 1 ? "" : "s")
                    + counts);
      } else {
        err.println(
            file
                + ": "
                + report.errors().size()
                + " error"
                + (report.errors().size() == 1 ? "" : "s")
                + counts
                + "; fix them and run 'skill validate' again");
      }
      err.flush();
    }
    return report.isValid() ? ExitCodes.OK : ExitCodes.USAGE;
  }

  private static ArrayNode problems(List<Problem> list) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Problem p : list) {
      ObjectNode o = a.addObject();
      o.put("source", p.source());
      o.put("line", p.line());
      o.put("column", p.column());
      o.put("message", p.message());
    }
    return a;
  }
}
