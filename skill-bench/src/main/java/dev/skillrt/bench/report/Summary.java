package dev.skillrt.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The median and spread (25th to 75th percentile) of one metric of one benchmark, with its unit and
 * how many samples they come from. Immutable.
 *
 * @param median the 50th percentile
 * @param p25 the 25th percentile
 * @param p75 the 75th percentile
 * @param unit JMH's unit, e.g. {@code ms/op}, {@code ops/s}, {@code MiB}
 * @param samples how many samples (timed calls, or iterations) the figures come from
 */
public record Summary(double median, double p25, double p75, String unit, long samples) {

  /**
   * Summarises a weighted histogram (JMH's {@code rawDataHistogram} of SampleTime: value to count),
   * taking the nearest-rank percentiles.
   */
  public static Summary ofHistogram(Map<Double, Long> counts, String unit) {
    TreeMap<Double, Long> sorted = new TreeMap<>(counts);
    long total = sorted.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      throw new IllegalArgumentException("no samples to summarise");
    }
    return new Summary(
        nearestRank(sorted, total, 0.50),
        nearestRank(sorted, total, 0.25),
        nearestRank(sorted, total, 0.75),
        unit,
        total);
  }

  /** Summarises plain values (JMH's {@code rawData}: one per iteration), interpolating linearly. */
  public static Summary ofValues(List<Double> values, String unit) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples to summarise");
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return new Summary(
        interpolated(sorted, 0.50),
        interpolated(sorted, 0.25),
        interpolated(sorted, 0.75),
        unit,
        sorted.size());
  }

  private static double nearestRank(TreeMap<Double, Long> sorted, long total, double p) {
    long rank = Math.max(1, (long) Math.ceil(p * total));
    long seen = 0;
    for (Map.Entry<Double, Long> e : sorted.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey();
      }
    }
    return sorted.lastKey();
  }

  private static double interpolated(List<Double> sorted, double p) {
    double position = p * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    double fraction = position - below;
    return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * fraction;
  }
}
