package dev.skillrt.manifest.internal;

import org.jspecify.annotations.Nullable;

/**
 * One value for each distinct text, looked up with a region of a larger text, so a text seen before
 * is neither cut out nor hashed as a string again: the keys and short values that every table of a
 * manifest repeats. Open addressing; not thread-safe.
 *
 * @param <V> what is kept for each text
 */
final class TextRegions<V> {
  private @Nullable String[] texts = new String[256];
  private @Nullable Object[] values = new Object[256];
  private int[] hashes = new int[256];
  private int count;

  /** What is kept for {@code text[from..to]}, or null. */
  @Nullable V get(String text, int from, int to) {
    return get(text, from, to, polynomial(text, from, to));
  }

  /**
   * What is kept for {@code text[from..to]}, or null, given the region's {@link #polynomial} (a
   * caller that reads the region character by character computes it on the way).
   */
  @SuppressWarnings("unchecked")
  @Nullable V get(String text, int from, int to, int polynomial) {
    return (V) values[slot(texts, hashes, text, from, to, mix(polynomial))];
  }

  /** {@code String.hashCode} of a region: {@code h = 31 * h + c} over its characters. */
  static int polynomial(String text, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + text.charAt(k);
    }
    return h;
  }

  /** Keeps {@code value} for {@code key} (not kept yet); returns {@code value}. */
  V put(String key, V value) {
    int hash = mix(polynomial(key, 0, key.length()));
    int slot = slot(texts, hashes, key, 0, key.length(), hash);
    texts[slot] = key;
    values[slot] = value;
    hashes[slot] = hash;
    if (++count * 2 > texts.length) {
      @Nullable String[] oldTexts = texts;
      @Nullable Object[] oldValues = values;
      int[] oldHashes = hashes;
      texts = new String[oldTexts.length * 2];
      values = new Object[oldTexts.length * 2];
      hashes = new int[oldTexts.length * 2];
      for (int k = 0; k < oldTexts.length; k++) {
        String t = oldTexts[k];
        if (t != null) {
          int s = free(texts, oldHashes[k]);
          texts[s] = t;
          values[s] = oldValues[k];
          hashes[s] = oldHashes[k];
        }
      }
    }
    return value;
  }

  private static int mix(int polynomial) {
    return polynomial ^ (polynomial >>> 16);
  }

  private static int free(@Nullable String[] texts, int hash) {
    int mask = texts.length - 1;
    int slot = hash & mask;
    while (texts[slot] != null) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Where {@code text[from..to]} is kept, or the free slot it would take. */
  private static int slot(
      @Nullable String[] texts, int[] hashes, String text, int from, int to, int hash) {
    int mask = texts.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      @Nullable String known = texts[slot];
      if (known == null
          || (hashes[slot] == hash
              && known.length() == to - from
              && text.regionMatches(from, known, 0, to - from))) {
        return slot;
      }
    }
  }
}
