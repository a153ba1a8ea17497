package dev.skillrt.bench.report;

import java.util.Map;

/**
 * One row of the report: a project benchmark and the baseline it is compared with, in the same run.
 * Immutable.
 *
 * @param area the table it belongs to, e.g. {@code native}
 * @param what what is measured
 * @param path how the project side is called: through {@code SkillEngine} or the runtime directly
 * @param project the project's benchmark ({@code Class.method})
 * @param projectParams its JMH parameters
 * @param baselineLabel what the baseline is
 * @param baseline the baseline's benchmark
 * @param baselineParams its JMH parameters
 * @param metric the metric compared: empty for the primary one, else a secondary one's name
 * @param higherIsBetter whether a bigger figure is better (calls/s), so that a ratio below 1 is
 *     slower
 */
public record Comparison(
    String area,
    String what,
    String path,
    String project,
    Map<String, String> projectParams,
    String baselineLabel,
    String baseline,
    Map<String, String> baselineParams,
    String metric,
    boolean higherIsBetter) {

  public Comparison {
    projectParams = Map.copyOf(projectParams);
    baselineParams = Map.copyOf(baselineParams);
  }

  /** A time comparison of two benchmarks without parameters. */
  public static Comparison time(
      String area,
      String what,
      String path,
      String project,
      String baselineLabel,
      String baseline) {
    return new Comparison(
        area, what, path, project, Map.of(), baselineLabel, baseline, Map.of(), "", false);
  }

  /**
   * How many times slower the project is than its baseline (above 1 is slower), whichever way the
   * metric points.
   */
  public double slowdown(double ratio) {
    return higherIsBetter ? 1 / ratio : ratio;
  }
}
