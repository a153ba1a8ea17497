package dev.skillrt.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns JMH's JSON results into BENCHMARKS.md: a table per area with the project's median and
 * spread, the baseline's, and their ratio; the machine and the date; the comparisons where the
 * project is more than {@value #SLOWER} times slower than its baseline; and the hand-written
 * analysis of where the time goes.
 *
 * <pre>
 * java -cp benchmarks.jar dev.skillrt.bench.report.ReportWriter target/jmh.json BENCHMARKS.md \
 *     [--notes skill-bench/analysis.md] [--skip docker="no Docker engine"] [--command "bin/bench"]
 * </pre>
 */
public final class ReportWriter {

  /** How many times slower than the baseline calls for an explanation. */
  public static final double SLOWER = 1.5;

  private final JmhJson results;
  private final Machine machine;
  private final ZonedDateTime date;
  private final Map<String, String> skipped;
  private final Optional<String> notes;
  private final String command;

  /**
   * @param skipped areas left out of the run, with the reason
   * @param notes the analysis (Markdown) placed at the end
   * @param command the command that produced the figures
   */
  public ReportWriter(
      JmhJson results,
      Machine machine,
      ZonedDateTime date,
      Map<String, String> skipped,
      Optional<String> notes,
      String command) {
    this.results = results;
    this.machine = machine;
    this.date = date;
    this.skipped = Map.copyOf(skipped);
    this.notes = notes;
    this.command = command;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: ReportWriter <jmh.json> <BENCHMARKS.md> [--notes FILE] [--skip AREA=REASON]... [--command TEXT]");
      System.exit(2);
    }
    Path input = Path.of(args[0]);
    Path output = Path.of(args[1]);
    Map<String, String> skipped = new LinkedHashMap<>();
    Optional<String> notes = Optional.empty();
    String command = "bin/bench";
    for (int i = 2; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--notes" -> {
          notes = Optional.of(Files.readString(Path.of(value), StandardCharsets.UTF_8));
          i++;
        }
        case "--skip" -> {
          int eq = value.indexOf('=');
          skipped.put(
              eq < 0 ? value : value.substring(0, eq),
              eq < 0 ? "skipped" : value.substring(eq + 1));
          i++;
        }
        case "--command" -> {
          command = value;
          i++;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; expected --notes, --skip or --command");
      }
    }
    JmhJson results = JmhJson.read(input);
    ReportWriter writer =
        new ReportWriter(
            results,
            Machine.current(results.jdk()),
            ZonedDateTime.now(ZoneOffset.UTC),
            skipped,
            notes,
            command);
    try {
      Files.writeString(output, writer.render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    System.out.println(writer.ratioLines());
  }

  /** The whole Markdown document. */
  public String render() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Measured with `")
        .append(command)
        .append("` on ")
        .append(date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)))
        .append(". Machine: ")
        .append(machine.cores())
        .append(" cores, JDK ")
        .append(machine.jdk())
        .append(", ")
        .append(machine.os())
        .append(".\n\n");
    md.append(
        "Each project figure is measured against the baseline a user would pick instead, in the"
            + " same run (JMH 1.37, one fork per benchmark, warm-up and measurement as each benchmark class sets them). Median"
            + " is the 50th percentile of the samples, spread the 25th to 75th; ratio is"
            + " project / baseline of the medians. Absolute figures on a shared 2-core machine are"
            + " noisy; the ratios are the result.\n");
    for (Map.Entry<String, String> area : ReportLayout.AREAS.entrySet()) {
      md.append("\n## ")
          .append(area.getKey())
          .append("\n\n")
          .append(area.getValue())
          .append("\n\n");
      if (skipped.containsKey(area.getKey())) {
        md.append("Not measured in this run: ").append(skipped.get(area.getKey())).append(".\n");
        continue;
      }
      md.append(
          "| what | called through | median | spread (p25–p75) | baseline | baseline median | baseline spread | ratio |\n");
      md.append("|---|---|---:|---:|---|---:|---:|---:|\n");
      for (Comparison c : ReportLayout.comparisons()) {
        if (c.area().equals(area.getKey())) {
          md.append(row(c)).append('\n');
        }
      }
    }
    md.append("\n## Slower than the baseline by more than ").append(SLOWER).append("x\n\n");
    List<String> slow = slowLines();
    md.append(slow.isEmpty() ? "None.\n" : String.join("\n", slow) + "\n");
    notes.ifPresent(n -> md.append("\n## Where the time goes\n\n").append(n.strip()).append('\n'));
    return md.toString();
  }

  /** One line per comparison with its ratio, for the console. */
  public String ratioLines() {
    List<String> lines = new ArrayList<>();
    for (Comparison c : ReportLayout.comparisons()) {
      Optional<Double> ratio = ratio(c);
      lines.add(
          String.format(
              Locale.ROOT,
              "%-11s %-62s %s",
              c.area(),
              plain(c.what()),
              ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("-")));
    }
    return String.join("\n", lines);
  }

  /** The ratio project/baseline of the medians, when both ran. */
  public Optional<Double> ratio(Comparison c) {
    Optional<Summary> project = summary(c.project(), c.projectParams(), c.metric());
    Optional<Summary> baseline = summary(c.baseline(), c.baselineParams(), c.metric());
    if (project.isEmpty() || baseline.isEmpty() || baseline.get().median() == 0) {
      return Optional.empty();
    }
    return Optional.of(project.get().median() / baseline.get().median());
  }

  private List<String> slowLines() {
    List<String> lines = new ArrayList<>();
    for (Comparison c : ReportLayout.comparisons()) {
      Optional<Double> ratio = ratio(c);
      if (ratio.isPresent() && c.slowdown(ratio.get()) > SLOWER) {
        lines.add(
            String.format(
                Locale.ROOT,
                "- %s, %s: %.1fx slower than %s (ratio %s).",
                c.area(),
                c.what(),
                c.slowdown(ratio.get()),
                c.baselineLabel(),
                number(ratio.get())));
      }
    }
    return lines;
  }

  private String row(Comparison c) {
    Optional<Summary> project = summary(c.project(), c.projectParams(), c.metric());
    Optional<Summary> baseline = summary(c.baseline(), c.baselineParams(), c.metric());
    return "| "
        + c.what()
        + " | "
        + c.path()
        + " | "
        + median(project)
        + " | "
        + spread(project)
        + " | "
        + c.baselineLabel()
        + " | "
        + median(baseline)
        + " | "
        + spread(baseline)
        + " | "
        + ratio(c).map(ReportWriter::number).orElse("-")
        + " |";
  }

  private Optional<Summary> summary(String benchmark, Map<String, String> params, String metric) {
    return results.find(benchmark, params).flatMap(r -> r.metric(metric));
  }

  private static String median(Optional<Summary> s) {
    return s.map(v -> number(v.median()) + " " + v.unit()).orElse("not run");
  }

  private static String spread(Optional<Summary> s) {
    return s.map(v -> number(v.p25()) + "–" + number(v.p75()) + " (n=" + v.samples() + ")")
        .orElse("-");
  }

  /** About three significant digits. */
  static String number(double v) {
    double a = Math.abs(v);
    String pattern =
        a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.4f";
    return String.format(Locale.ROOT, pattern, v);
  }

  private static String plain(String markdown) {
    return markdown.replace("`", "");
  }
}
