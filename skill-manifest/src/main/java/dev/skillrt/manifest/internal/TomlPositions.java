package dev.skillrt.manifest.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

  private final Node root;
  private final Optional<Duplicate> duplicate;

  private TomlPositions(Node root, Optional<Duplicate> duplicate) {
    this.root = root;
    this.duplicate = duplicate;
  }

  public static TomlPositions scan(String text) {
    Scanner scanner = new Scanner(text);
    try {
      scanner.document();
    } catch (RuntimeException | StackOverflowError e) {
      // best effort: keep what was found so far
    }
    return new TomlPositions(scanner.root, Optional.ofNullable(scanner.duplicate));
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
    Node n = root;
    Position best = START;
    for (String key : path) {
      n = n.children == null ? null : n.children.get(key);
      if (n == null) {
        break;
      }
      best = n.at;
    }
    return best;
  }

  /** Whether this exact path was written (as a key, header or element). */
  public boolean contains(List<String> path) {
    Node n = root;
    for (String key : path) {
      n = n.children == null ? null : n.children.get(key);
      if (n == null) {
        return false;
      }
    }
    return !path.isEmpty();
  }

  /**
   * A written path: where it was first written, its keys below, and what the scan needs to know of
   * it. Every ancestor of a written path is written too, at the first place below it.
   */
  private static final class Node {
    private final @Nullable Node parent;
    private final String key;
    private final Position at;
    private @Nullable Map<String, Node> children;
    private @Nullable Position assignedAt;
    private int arrayElements;

    Node(@Nullable Node parent, String key, Position at) {
      this.parent = parent;
      this.key = key;
      this.at = at;
    }

    /** The child for a key, written at {@code at} when it is new. */
    Node child(String key, Position at) {
      if (children == null) {
        children = new HashMap<>(8);
      }
      Node c = children.get(key);
      if (c == null) {
        c = new Node(this, key, at);
        children.put(key, c);
      }
      return c;
    }

    List<String> path() {
      List<String> out = new ArrayList<>();
      for (Node n = this; n.parent != null; n = n.parent) {
        out.add(n.key);
      }
      Collections.reverse(out);
      return List.copyOf(out);
    }
  }

  private static final class Scanner {
    private final String s;
    private int i;
    private int line = 1;
    private int lineStart;
    private final Node root = new Node(null, "", START);
    private @Nullable Duplicate duplicate;

    Scanner(String s) {
      this.s = s;
    }

    void document() {
      Node table = root;
      while (i < s.length()) {
        skipBlankLinesAndComments();
        if (i >= s.length()) {
          break;
        }
        Position at = here();
        if (s.startsWith("[[", i)) {
          i += 2;
          List<String> path = keys(']');
          expect(']');
          expect(']');
          Node array = under(root, path, at);
          int index = array.arrayElements++;
          table = array.child(element(index), at);
        } else if (peek() == '[') {
          i++;
          List<String> path = keys(']');
          expect(']');
          table = resolve(path, at);
        } else {
          keyValue(table);
        }
        skipToLineEnd();
      }
    }

    /** A header path under an array table refers to its latest element. */
    private Node resolve(List<String> path, Position at) {
      Node n = root;
      for (int k = 0; k < path.size(); k++) {
        n = n.child(path.get(k), at);
        if (n.arrayElements > 0 && k < path.size() - 1) {
          n = n.child(element(n.arrayElements - 1), at);
        }
      }
      return n;
    }

    private static Node under(Node from, List<String> keys, Position at) {
      Node n = from;
      for (String k : keys) {
        n = n.child(k, at);
      }
      return n;
    }

    private void keyValue(Node table) {
      Position at = here();
      List<String> key = keys('=');
      if (key.isEmpty()) {
        throw new IllegalStateException("no key");
      }
      Node full = under(table, key, at);
      assign(full, at);
      skipSpaces();
      expect('=');
      skipSpaces();
      value(full);
    }

    private void value(Node path) {
      char c = peek();
      if (c == '{') {
        i++;
        skipSpaces();
        while (peek() != '}') {
          Position at = here();
          List<String> key = keys('=');
          Node full = under(path, key, at);
          assign(full, at);
          skipSpaces();
          expect('=');
          skipSpaces();
          value(full);
          skipSpaces();
          if (peek() == ',') {
            i++;
            skipSpaces();
          }
        }
        i++;
      } else if (c == '[') {
        i++;
        int index = 0;
        skipWhitespaceAndComments();
        while (peek() != ']') {
          Node element = path.child(element(index++), here());
          value(element);
          skipWhitespaceAndComments();
          if (peek() == ',') {
            i++;
            skipWhitespaceAndComments();
          }
        }
        i++;
      } else if (c == '"' || c == '\'') {
        skipString();
      } else {
        while (i < s.length() && ",]}\n#".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        while (i > 0
            && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t' || s.charAt(i - 1) == '\r')) {
          i--;
        }
      }
    }

    /** Moves past a string value, whose text the scan does not need. */
    private void skipString() {
      char q = peek();
      if (s.startsWith(q == '"' ? "\"\"\"" : "'''", i)) {
        string();
        return;
      }
      i++;
      while (i < s.length() && s.charAt(i) != q) {
        char c = s.charAt(i);
        if (c == '\n') {
          throw new IllegalStateException("newline in string");
        }
        i += q == '"' && c == '\\' && i + 1 < s.length() ? 2 : 1;
      }
      i++;
    }

    private String string() {
      char q = peek();
      boolean multi = s.startsWith("" + q + q + q, i);
      StringBuilder out = new StringBuilder();
      if (multi) {
        i += 3;
        while (i < s.length()) {
          if (s.startsWith("" + q + q + q, i)) {
            i += 3;
            while (i < s.length() && s.charAt(i) == q) {
              i++;
            }
            return out.toString();
          }
          advanceOne(q == '"');
        }
        throw new IllegalStateException("unterminated");
      }
      i++;
      while (i < s.length() && s.charAt(i) != q) {
        if (s.charAt(i) == '\n') {
          throw new IllegalStateException("newline in string");
        }
        if (q == '"' && s.charAt(i) == '\\' && i + 1 < s.length()) {
          out.append(s.charAt(i + 1));
          i += 2;
        } else {
          out.append(s.charAt(i++));
        }
      }
      i++;
      return out.toString();
    }

    private void advanceOne(boolean escapes) {
      char c = s.charAt(i);
      if (escapes && c == '\\' && i + 1 < s.length()) {
        i++;
        c = s.charAt(i);
      }
      if (c == '\n') {
        line++;
        lineStart = i + 1;
      }
      i++;
    }

    private List<String> keys(char terminator) {
      List<String> out = new ArrayList<>();
      while (true) {
        skipSpaces();
        char c = peek();
        if (c == '"' || c == '\'') {
          out.add(string());
        } else {
          int from = i;
          int end = from;
          while (end < s.length() && isBare(s.charAt(end))) {
            end++;
          }
          i = end;
          if (from == i) {
            throw new IllegalStateException("no key at " + i);
          }
          out.add(s.substring(from, i));
        }
        skipSpaces();
        if (peek() == '.') {
          i++;
        } else if (peek() == terminator) {
          return out;
        } else {
          throw new IllegalStateException("unexpected");
        }
      }
    }

    private static boolean isBare(char c) {
      if (c < 0x80) { // most keys: no lookup in the Unicode tables
        return (c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '_'
            || c == '-';
      }
      return Character.isLetterOrDigit(c);
    }

    /** Notes a key given a value, and the first one given twice. */
    private void assign(Node key, Position at) {
      if (key.assignedAt == null) {
        key.assignedAt = at;
      } else if (duplicate == null) {
        duplicate = new Duplicate(key.path(), key.assignedAt, at);
      }
    }

    private Position here() {
      return new Position(line, i - lineStart + 1);
    }

    private char peek() {
      if (i >= s.length()) {
        throw new IllegalStateException("end of text");
      }
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalStateException("expected " + c);
      }
      i++;
    }

    private void skipSpaces() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
    }

    private void skipWhitespaceAndComments() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '#') {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (c == '\n') {
          i++;
          line++;
          lineStart = i;
        } else if (c == ' ' || c == '\t' || c == '\r') {
          i++;
        } else {
          return;
        }
      }
    }

    private void skipBlankLinesAndComments() {
      skipWhitespaceAndComments();
    }

    private void skipToLineEnd() {
      int end = s.indexOf('\n', i);
      i = end < 0 ? s.length() : end;
    }
  }
}
