package dev.skillrt.bench.report;

import java.util.Map;
import java.util.Optional;

/**
 * One benchmark of a JMH run, summarised: its name (simple class name and method, e.g. {@code
 * NativeBenchmarks.engineTrue}), its parameters, JMH's mode, the primary metric and any secondary
 * metrics (e.g. {@code peak-heap}). Immutable.
 */
public record BenchmarkResult(
    String name,
    Map<String, String> params,
    String mode,
    Summary primary,
    Map<String, Summary> secondary) {

  public BenchmarkResult {
    params = Map.copyOf(params);
    secondary = Map.copyOf(secondary);
  }

  /** The primary metric, or the named secondary one. */
  public Optional<Summary> metric(String metric) {
    return metric.isEmpty() ? Optional.of(primary) : Optional.ofNullable(secondary.get(metric));
  }

  /** Whether this is the benchmark {@code name} with (at least) these parameter values. */
  public boolean matches(String benchmark, Map<String, String> wanted) {
    return name.equals(benchmark) && params.entrySet().containsAll(wanted.entrySet());
  }
}
