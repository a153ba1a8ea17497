package dev.skillrt.manifest.internal;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One value for each distinct text, looked up with a region of a larger text, so a text seen before
 * is neither cut out nor hashed as a string again: the keys and short values that every table of a
 * manifest repeats. Open addressing; not thread-safe.
 *
 * <p>Keeping is only a saving: a text whose slot is not found within {@value #PROBES} probes (texts
 * written to share one hash, as a hostile manifest can) is not kept, so no lookup costs more.
 *
 * @param <V> what is kept for each text
 */
final class TextRegions<V> {

  /** The most slots one lookup looks at. */
  static final int PROBES = 16;

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
    int slot = slot(text, from, to, mix(polynomial));
    return slot < 0 ? null : (V) values[slot];
  }

  /** What is kept for {@code text[from..to]}; when nothing is yet, {@code make} of it, kept. */
  V getOrPut(String text, int from, int to, Function<String, V> make) {
    return getOrPut(text, from, to, polynomial(text, from, to), make);
  }

  /** {@link #getOrPut(String, int, int, Function)} given the region's {@link #polynomial}. */
  V getOrPut(String text, int from, int to, int polynomial, Function<String, V> make) {
    V known = get(text, from, to, polynomial);
    if (known != null) {
      return known;
    }
    String key = text.substring(from, to);
    return put(key, make.apply(key));
  }

  /** Keeps {@code value} for {@code key} (not kept yet, and a slot within reach); returns it. */
  V put(String key, V value) {
    int hash = mix(polynomial(key, 0, key.length()));
    int slot = slot(key, 0, key.length(), hash);
    if (slot < 0) {
      return value;
    }
    texts[slot] = key;
    values[slot] = value;
    hashes[slot] = hash;
    if (++count * 2 > texts.length) {
      grow();
    }
    return value;
  }

  /** {@code String.hashCode} of a region: {@code h = 31 * h + c} over its characters. */
  static int polynomial(String text, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + text.charAt(k);
    }
    return h;
  }

  private static int mix(int polynomial) {
    return polynomial ^ (polynomial >>> 16);
  }

  private void grow() {
    @Nullable String[] oldTexts = texts;
    @Nullable Object[] oldValues = values;
    int[] oldHashes = hashes;
    texts = new String[oldTexts.length * 2];
    values = new Object[oldTexts.length * 2];
    hashes = new int[oldTexts.length * 2];
    count = 0;
    for (int k = 0; k < oldTexts.length; k++) {
      String t = oldTexts[k];
      if (t != null) {
        int s = slot(t, 0, t.length(), oldHashes[k]);
        if (s >= 0) {
          texts[s] = t;
          values[s] = oldValues[k];
          hashes[s] = oldHashes[k];
          count++;
        }
      }
    }
  }

  /**
   * Where {@code text[from..to]} is kept, or the free slot it would take; -1 when neither is within
   * {@link #PROBES} slots.
   */
  private int slot(String text, int from, int to, int hash) {
    int mask = texts.length - 1;
    int slot = hash & mask;
    for (int probe = 0; probe < PROBES; probe++, slot = (slot + 1) & mask) {
      @Nullable String known = texts[slot];
      if (known == null
          || (hashes[slot] == hash
              && known.length() == to - from
              && text.regionMatches(from, known, 0, to - from))) {
        return slot;
      }
    }
    return -1;
  }
}
