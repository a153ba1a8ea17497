package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TomlPositions.element;

import dev.skillrt.manifest.internal.TomlPositions.Duplicate;
import dev.skillrt.manifest.internal.TomlPositions.Position;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scan behind {@link TomlPositions}: a light pass over the text recording where each key is
 * written; it throws on a construct it does not follow, and the caller keeps what was found.
 */
final class TomlPositionScanner {
  private final String s;
  private int i;
  private int line = 1;
  private int lineStart;
  final TomlKeyNode root = new TomlKeyNode(null, "", 1, 1);

  /** One string for each distinct key, since the same keys come back in every table. */
  private final TextRegions<String> names = new TextRegions<>();

  private final List<String> keys = new ArrayList<>();
  @Nullable Duplicate duplicate;

  TomlPositionScanner(String s) {
    this.s = s;
  }

  void document() {
    TomlKeyNode table = root;
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
        TomlKeyNode array = under(root, path, at);
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
  private TomlKeyNode resolve(List<String> path, Position at) {
    TomlKeyNode n = root;
    for (int k = 0; k < path.size(); k++) {
      n = n.child(path.get(k), at);
      if (n.arrayElements > 0 && k < path.size() - 1) {
        n = n.child(element(n.arrayElements - 1), at);
      }
    }
    return n;
  }

  private static TomlKeyNode under(TomlKeyNode from, List<String> keys, Position at) {
    TomlKeyNode n = from;
    for (String k : keys) {
      n = n.child(k, at);
    }
    return n;
  }

  private void keyValue(TomlKeyNode table) {
    Position at = here();
    List<String> key = keys('=');
    if (key.isEmpty()) {
      throw new IllegalStateException("no key");
    }
    TomlKeyNode full = under(table, key, at);
    assign(full, at);
    skipSpaces();
    expect('=');
    skipSpaces();
    value(full);
  }

  private void value(TomlKeyNode path) {
    char c = peek();
    if (c == '{') {
      i++;
      skipSpaces();
      while (peek() != '}') {
        Position at = here();
        List<String> key = keys('=');
        TomlKeyNode full = under(path, key, at);
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
        TomlKeyNode element = path.child(element(index++), here());
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
      int from = i;
      while (i < s.length() && ",]}\n#".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      if (i == from) {
        throw new IllegalStateException("no value"); // a loop over elements would not move on
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

  /**
   * The keys of a dotted key or header, up to the terminator. The list is reused by the next call:
   * each caller is done with it before reading on.
   */
  private List<String> keys(char terminator) {
    List<String> out = keys;
    out.clear();
    while (true) {
      skipSpaces();
      char c = peek();
      if (c == '"' || c == '\'') {
        out.add(name(string()));
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
        out.add(bareName(from, i));
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

  private String name(String key) {
    return names.getOrPut(key, 0, key.length(), k -> k);
  }

  /** The key written bare at {@code from..to}, found without cutting it out of the text first. */
  private String bareName(int from, int to) {
    return names.getOrPut(s, from, to, k -> k);
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
  private void assign(TomlKeyNode key, Position at) {
    if (key.assignedLine == 0) {
      key.assignedLine = at.line();
      key.assignedColumn = at.column();
    } else if (duplicate == null) {
      duplicate = new Duplicate(key.path(), new Position(key.assignedLine, key.assignedColumn), at);
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
