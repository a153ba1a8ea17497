package dev.skillrt.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting the peak heap of each iteration of {@link MemoryBenchmarks} as the
 * secondary metric {@value #LABEL} (MiB): before the iteration it collects garbage and resets the
 * peak usage of every heap memory pool; after it, it sums their peaks. The sum of per-pool peaks is
 * an upper bound of the true peak (the pools need not peak at the same moment). Other benchmarks
 * are left alone. Use with {@code -prof dev.skillrt.bench.PeakHeapProfiler}.
 */
public final class PeakHeapProfiler implements InternalProfiler {

  /** The name of the metric in JMH's results. */
  public static final String LABEL = "peak-heap";

  @Override
  public String getDescription() {
    return "peak heap (sum of heap pool peaks) of each iteration of MemoryBenchmarks, MiB";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    if (!measured(benchmarkParams)) {
      return;
    }
    System.gc();
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    if (!measured(benchmarkParams)) {
      return List.of();
    }
    long bytes = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      bytes += pool.getPeakUsage().getUsed();
    }
    return List.of(
        new ScalarResult(LABEL, bytes / (1024.0 * 1024.0), "MiB", AggregationPolicy.MAX));
  }

  private static boolean measured(BenchmarkParams params) {
    return params.getBenchmark().startsWith(MemoryBenchmarks.class.getName() + ".");
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
        .toList();
  }
}
