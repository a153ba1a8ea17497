package dev.skillrt.manifest.internal;

import java.util.List;
import java.util.Optional;

/**
 * Where each key of a TOML document is written: a light scan of the text (table headers, array
 * table headers, {@code key =} lines, dotted keys, inline tables, array elements) mapping each key
 * path to a line and column. Jackson's TOML tree carries no locations, so this fills the gap.
 *
 * <p>Paths are lists of keys; array elements are {@code "[i]"}. The scan runs on text that Jackson
 * has already parsed; it is best-effort and never throws (an odd construct ends the scan).
 */
public final class TomlPositions {

  /** A 1-based line and column. */
  public record Position(int line, int column) {}

  /**
   * A key given a value twice in one table.
   *
   * @param key the key's path
   * @param first where it is first given
   * @param again where it is given again
   */
  public record Duplicate(List<String> key, Position first, Position again) {}

  private static final Position START = new Position(1, 1);

  /** The keys of the first array elements, made once: every table reads them again. */
  private static final String[] ELEMENTS = new String[64];

  static {
    for (int i = 0; i < ELEMENTS.length; i++) {
      ELEMENTS[i] = "[" + i + "]";
    }
  }

  private final TomlKeyNode root;
  private final Optional<Duplicate> duplicate;

  private TomlPositions(TomlKeyNode root, Optional<Duplicate> duplicate) {
    this.root = root;
    this.duplicate = duplicate;
  }

  public static TomlPositions scan(String text) {
    TomlPositionScanner scanner = new TomlPositionScanner(text);
    try {
      scanner.document();
    } catch (RuntimeException | StackOverflowError e) {
      // best effort: keep what was found so far
    }
    return new TomlPositions(scanner.root, Optional.ofNullable(scanner.duplicate));
  }

  /** The positions a one-pass read found (it finds no duplicate: it leaves those to Jackson). */
  static TomlPositions of(TomlKeyNode root) {
    return new TomlPositions(root, Optional.empty());
  }

  /** The key of an array's element in a path: {@code "[i]"}. */
  public static String element(int index) {
    return index >= 0 && index < ELEMENTS.length ? ELEMENTS[index] : "[" + index + "]";
  }

  /** The first key the text gives a value twice (which TOML forbids), if any. */
  public Optional<Duplicate> firstDuplicate() {
    return duplicate;
  }

  /** The position of a path, or of its nearest written ancestor, or line 1. */
  public Position find(List<String> path) {
    TomlKeyNode n = root;
    TomlKeyNode best = root;
    for (int k = 0; k < path.size(); k++) { // indexed: no iterator for each key looked up
      n = n.child(path.get(k));
      if (n == null) {
        break;
      }
      best = n;
    }
    return best == root ? START : new Position(best.line, best.column);
  }

  /** Whether this exact path was written (as a key, header or element). */
  public boolean contains(List<String> path) {
    TomlKeyNode n = root;
    for (int k = 0; k < path.size(); k++) { // indexed: no iterator for each key looked up
      n = n.child(path.get(k));
      if (n == null) {
        return false;
      }
    }
    return !path.isEmpty();
  }

  /**
   * Forgets the keys written below a path, keeping the path's own position: once a table is read,
   * its keys are asked for no more, and a large document need not keep them all until its end.
   */
  public void release(List<String> path) {
    TomlKeyNode n = root;
    for (int k = 0; k < path.size(); k++) { // indexed: no iterator for each key looked up
      n = n.child(path.get(k));
      if (n == null) {
        return;
      }
    }
    if (n != root) {
      n.forgetChildren();
    }
  }
}
