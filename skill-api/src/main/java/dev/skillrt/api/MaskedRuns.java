package dev.skillrt.api;

import java.util.Arrays;

/**
 * The stretches of a stream to mask that were not wholly passed on yet: disjoint, in stream order,
 * never touching (a match that overlaps or touches the last ones merges with them). Matches are
 * added in the order of their ends, so merging only ever looks at the last runs: each match costs
 * amortized constant time. Not thread-safe.
 */
final class MaskedRuns {

  private long[] starts = new long[8];
  private long[] ends = new long[8];
  private int first;
  private int last;

  /** Adds the stretch {@code [start, end)}; {@code end} is at least the end of every run so far. */
  void add(long start, long end) {
    long from = start;
    while (last > first && ends[last - 1] >= from) {
      last--;
      from = Math.min(from, starts[last]);
    }
    if (last == starts.length) {
      int live = last - first;
      if (live * 2 > starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
        ends = Arrays.copyOf(ends, ends.length * 2);
      }
      System.arraycopy(starts, first, starts, 0, live);
      System.arraycopy(ends, first, ends, 0, live);
      first = 0;
      last = live;
    }
    starts[last] = from;
    ends[last] = end;
    last++;
  }

  boolean isEmpty() {
    return first == last;
  }

  long firstStart() {
    return starts[first];
  }

  long firstEnd() {
    return ends[first];
  }

  void removeFirst() {
    first++;
    if (first == last) {
      first = 0;
      last = 0;
    }
  }
}
