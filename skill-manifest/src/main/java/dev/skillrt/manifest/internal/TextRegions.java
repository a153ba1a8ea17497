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
  private int count;

  /** What is kept for {@code text[from..to]}, or null. */
  @SuppressWarnings("unchecked")
  @Nullable V get(String text, int from, int to) {
    return (V) values[slot(texts, text, from, to)];
  }

  /** Keeps {@code value} for {@code key} (not kept yet); returns {@code value}. */
  V put(String key, V value) {
    int slot = slot(texts, key, 0, key.length());
    texts[slot] = key;
    values[slot] = value;
    if (++count * 2 > texts.length) {
      @Nullable String[] oldTexts = texts;
      @Nullable Object[] oldValues = values;
      texts = new String[oldTexts.length * 2];
      values = new Object[oldTexts.length * 2];
      for (int k = 0; k < oldTexts.length; k++) {
        String t = oldTexts[k];
        if (t != null) {
          int s = slot(texts, t, 0, t.length());
          texts[s] = t;
          values[s] = oldValues[k];
        }
      }
    }
    return value;
  }

  /** Where {@code text[from..to]} is kept, or the free slot it would take. */
  private static int slot(@Nullable String[] texts, String text, int from, int to) {
    int hash = 0;
    for (int k = from; k < to; k++) {
      hash = 31 * hash + text.charAt(k);
    }
    int mask = texts.length - 1;
    for (int slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      @Nullable String known = texts[slot];
      if (known == null
          || (known.length() == to - from && text.regionMatches(from, known, 0, to - from))) {
        return slot;
      }
    }
  }
}
