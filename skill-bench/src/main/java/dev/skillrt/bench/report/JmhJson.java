package dev.skillrt.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JMH's JSON result file ({@code -rf json}) into {@link BenchmarkResult}s, summarising the
 * raw samples of every metric: {@code rawDataHistogram} (SampleTime) or {@code rawData} (other
 * modes), over all forks and iterations.
 */
public final class JmhJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<BenchmarkResult> results;
  private final Optional<String> jdk;

  private JmhJson(List<BenchmarkResult> results, Optional<String> jdk) {
    this.results = List.copyOf(results);
    this.jdk = jdk;
  }

  /** Reads a result file. */
  public static JmhJson read(Path file) {
    try {
      return parse(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the JMH results "
              + file
              + " (run the benchmarks with -rf json -rff "
              + file
              + ")",
          e);
    }
  }

  /** Parses the tree of a result file (a JSON array). */
  public static JmhJson parse(JsonNode root) {
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("JMH results must be a JSON array of benchmarks");
    }
    List<BenchmarkResult> results = new ArrayList<>();
    String jdk = null;
    for (JsonNode b : root) {
      String full = b.path("benchmark").asText();
      Map<String, String> params = new LinkedHashMap<>();
      b.path("params")
          .fields()
          .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      Map<String, Summary> secondary = new HashMap<>();
      b.path("secondaryMetrics")
          .fields()
          .forEachRemaining(
              e -> summary(e.getValue()).ifPresent(s -> secondary.put(e.getKey(), s)));
      Optional<Summary> primary = summary(b.path("primaryMetric"));
      if (primary.isEmpty()) {
        continue;
      }
      results.add(
          new BenchmarkResult(
              simpleName(full), params, b.path("mode").asText(), primary.get(), secondary));
      if (jdk == null && b.hasNonNull("jdkVersion")) {
        jdk =
            b.path("jdkVersion").asText()
                + " ("
                + b.path("vmName").asText()
                + " "
                + b.path("vmVersion").asText()
                + ")";
      }
    }
    return new JmhJson(results, Optional.ofNullable(jdk));
  }

  public List<BenchmarkResult> results() {
    return results;
  }

  /** The JDK the benchmarks ran on, as JMH recorded it. */
  public Optional<String> jdk() {
    return jdk;
  }

  /** The result of a benchmark with these parameters, if it ran. */
  public Optional<BenchmarkResult> find(String benchmark, Map<String, String> params) {
    return results.stream().filter(r -> r.matches(benchmark, params)).findFirst();
  }

  /**
   * {@code dev.skillrt.bench.NativeBenchmarks.engineTrue} becomes {@code
   * NativeBenchmarks.engineTrue}.
   */
  static String simpleName(String full) {
    int method = full.lastIndexOf('.');
    int type = method <= 0 ? -1 : full.lastIndexOf('.', method - 1);
    return type < 0 ? full : full.substring(type + 1);
  }

  private static Optional<Summary> summary(JsonNode metric) {
    String unit = metric.path("scoreUnit").asText("");
    JsonNode histogram = metric.path("rawDataHistogram");
    if (histogram.isArray() && !histogram.isEmpty()) {
      Map<Double, Long> counts = new HashMap<>();
      for (JsonNode fork : histogram) {
        for (JsonNode iteration : fork) {
          for (JsonNode pair : iteration) {
            counts.merge(pair.get(0).asDouble(), pair.get(1).asLong(), Long::sum);
          }
        }
      }
      return counts.isEmpty() ? Optional.empty() : Optional.of(Summary.ofHistogram(counts, unit));
    }
    JsonNode raw = metric.path("rawData");
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : raw) {
      for (JsonNode v : fork) {
        if (v.isNumber()) {
          values.add(v.asDouble());
        }
      }
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(Summary.ofValues(values, unit));
  }
}
