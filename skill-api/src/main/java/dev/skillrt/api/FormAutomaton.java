package dev.skillrt.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds many byte strings at once in one left-to-right pass (an Aho-Corasick automaton): each text
 * byte costs amortized constant time whatever the strings, so masking stays linear in the text plus
 * the total length of the strings, even for a long secret and a text built to match its beginning
 * over and over.
 *
 * <p>A state stands for the longest end of the text read so far that is a beginning of some string.
 * For each state it knows the longest string that ends there ({@link #matchLength}) and the longest
 * end of the text that could still grow into a string ({@link #openLength}).
 *
 * <p>With {@code foldCase}, ASCII letters match in either case (the strings and the text are both
 * read with {@code A-Z} as {@code a-z}); other bytes match exactly. Immutable and thread-safe.
 */
final class FormAutomaton {

  /** The state before any text, and after text that begins no string. */
  static final int START = 0;

  private final boolean foldCase;

  /** The children of state s are the states childrenFrom[s] to childrenFrom[s + 1] - 1. */
  private final int[] childrenFrom;

  /** The byte on the edge into each state; a state's children are in ascending unsigned order. */
  private final byte[] label;

  /** For each state, the state of its longest proper end that is also a state. */
  private final int[] fallback;

  private final int[] matchLength;
  private final int[] openLength;

  /** Transitions out of the start state, by byte (-1: none), for speed where most text is. */
  private final int[] fromStart = new int[256];

  /**
   * @param strings the non-empty byte strings to find (duplicates allowed)
   * @param foldCase whether ASCII letters match in either case
   */
  FormAutomaton(List<byte[]> strings, boolean foldCase) {
    this.foldCase = foldCase;
    List<byte[]> sorted = new ArrayList<>(strings.size());
    long total = 1;
    for (byte[] s : strings) {
      if (s.length > 0) {
        sorted.add(foldCase ? folded(s) : s);
        total += s.length;
      }
    }
    sorted.sort(Arrays::compareUnsigned);
    int bound = Math.toIntExact(total);
    Trie trie = new Trie(sorted, bound);
    int states = trie.states;
    this.childrenFrom = Arrays.copyOf(trie.childrenFrom, states + 1);
    this.childrenFrom[states] = states;
    this.label = Arrays.copyOf(trie.label, states);
    this.fallback = new int[states];
    this.matchLength = new int[states];
    this.openLength = new int[states];
    Arrays.fill(fromStart, -1);
    for (int c = childrenFrom[START]; c < childrenFrom[START + 1]; c++) {
      fromStart[label[c] & 0xff] = c;
    }
    linkFallbacks(trie);
  }

  /** The state after reading byte {@code b} in state {@code state}. */
  int next(int state, byte b) {
    int x = b & 0xff;
    if (foldCase && x >= 'A' && x <= 'Z') {
      x += 32;
    }
    int s = state;
    while (s != START) {
      int child = child(s, x);
      if (child >= 0) {
        return child;
      }
      s = fallback[s];
    }
    int child = fromStart[x];
    return child >= 0 ? child : START;
  }

  /** The length of the longest string that ends where the text read so far ends, or 0. */
  int matchLength(int state) {
    return matchLength[state];
  }

  /**
   * The length of the longest end of the text read so far that is a proper beginning of some
   * string: no string found later can start before it.
   */
  int openLength(int state) {
    return openLength[state];
  }

  private int child(int state, int x) {
    int lo = childrenFrom[state];
    int hi = childrenFrom[state + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int y = label[mid] & 0xff;
      if (y < x) {
        lo = mid + 1;
      } else if (y > x) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * Fallbacks, match and open lengths, state by state in breadth-first order (the order of their
   * numbers), so that a state's fallback, always shallower, is done before it.
   */
  private void linkFallbacks(Trie trie) {
    for (int s = 0; s < label.length; s++) {
      int depth = trie.depth[s];
      if (s != START) {
        fallback[s] = fallbackOf(s, trie.parent[s]);
        matchLength[s] = trie.ends[s] ? depth : matchLength[fallback[s]];
      }
      boolean hasChildren = childrenFrom[s] < childrenFrom[s + 1];
      openLength[s] = hasChildren ? depth : s == START ? 0 : openLength[fallback[s]];
    }
  }

  private int fallbackOf(int s, int parent) {
    if (parent == START) {
      return START;
    }
    int x = label[s] & 0xff;
    int f = fallback[parent];
    while (true) {
      int child = f == START ? fromStart[x] : child(f, x);
      if (child >= 0) {
        return child;
      }
      if (f == START) {
        return START;
      }
      f = fallback[f];
    }
  }

  private static byte[] folded(byte[] s) {
    byte[] out = s.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 'A' && out[i] <= 'Z') {
        out[i] += 32;
      }
    }
    return out;
  }

  /**
   * The trie of the sorted strings, built breadth-first: a state is a run of strings that share its
   * first {@code depth} bytes, so the children of each state get consecutive numbers in ascending
   * byte order, and the whole build reads each byte of each string once.
   */
  private static final class Trie {
    final int[] childrenFrom;
    final byte[] label;
    final int[] depth;
    final int[] parent;
    final boolean[] ends;
    int states;

    Trie(List<byte[]> sorted, int bound) {
      childrenFrom = new int[bound + 1];
      label = new byte[bound];
      depth = new int[bound];
      parent = new int[bound];
      ends = new boolean[bound];
      int[] first = new int[bound];
      int[] last = new int[bound];
      first[START] = 0;
      last[START] = sorted.size();
      states = 1;
      for (int s = 0; s < states; s++) {
        childrenFrom[s] = states;
        int d = depth[s];
        int i = first[s];
        // a string that ends here sorts before the strings it begins
        while (i < last[s] && sorted.get(i).length == d) {
          ends[s] = true;
          i++;
        }
        while (i < last[s]) {
          byte b = sorted.get(i)[d];
          int j = i + 1;
          while (j < last[s] && sorted.get(j)[d] == b) {
            j++;
          }
          label[states] = b;
          depth[states] = d + 1;
          parent[states] = s;
          first[states] = i;
          last[states] = j;
          states++;
          i = j;
        }
      }
    }
  }
}
