package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TomlPositions.element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads TOML text into the tree and the key positions in one pass, where Jackson's reader and the
 * positions scan each read it once (and Jackson builds a tree of its own, then copies it).
 *
 * <p>It takes the TOML that manifests are written in: tables, arrays of tables, bare, quoted and
 * dotted keys, every kind of string, decimal integers and fractions, booleans, arrays and inline
 * tables, with comments anywhere TOML allows them. For anything else (exponents, dates, other
 * number forms, a table extended in the rarer ways TOML allows) and for anything invalid it gives
 * nothing, and the caller reads the text with Jackson, which decides and reports: this reader only
 * ever accepts what Jackson accepts, and gives the same tree ({@code TomlOnePassReaderTests}
 * compares the two).
 */
public final class TomlOnePassReader {

  /** The tree read and where each of its keys is written. */
  public record Result(ObjectNode root, TomlPositions positions) {}

  /** Not taken here: the caller reads the text with Jackson. */
  private static final class NotTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotTaken() {
      super(null, null, false, false);
    }
  }

  private static final NotTaken NOT_TAKEN = new NotTaken();

  /** Deeper nesting of arrays and inline tables is left to Jackson's own limits. */
  private static final int MAX_DEPTH = 64;

  /** The characters of a bare key: {@code A-Za-z0-9_-}. */
  private static final boolean[] BARE = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      BARE[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
    }
  }

  /** Longer fractions are left to Jackson and its limits on numbers. */
  private static final int MAX_FRACTION_DIGITS = 64;

  /** Longer values rarely repeat: they are not looked up. */
  private static final int SHARED_TEXT_CHARS = 48;

  /** What a table's node is, for the rules on defining a table once. */
  static final byte IMPLICIT = 1; // made by a header below it: a header may define it later

  static final byte DEFINED = 2; // defined by its own header (or an element of an array of tables)
  static final byte DOTTED = 3; // made by a dotted key, in the section kept in the node
  static final byte FROZEN = 4; // a value: an inline table, an array, a string, ...
  static final byte TABLES = 5; // an array of tables

  private final String s;
  private final JsonNodeFactory factory;
  private int i;
  private int line = 1;
  private int lineStart;
  private int sections;
  private int depth;
  private final TomlKeyNode root = new TomlKeyNode(null, "", 1, 1);
  private final ObjectNode tree;
  private final TextRegions<String> names = new TextRegions<>();
  private final TextRegions<TextNode> texts = new TextRegions<>();
  private final Function<String, TextNode> newText;
  private final List<String> keys = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  private TomlOnePassReader(String s, JsonNodeFactory factory) {
    this.s = s;
    this.factory = factory;
    this.newText = factory::textNode;
    this.tree = table();
    root.kind = DEFINED;
    root.value = tree;
  }

  /**
   * The tree and positions of {@code text}, built with {@code factory}; empty when the text is not
   * one this reader takes (read it with Jackson then).
   */
  public static Optional<Result> read(String text, JsonNodeFactory factory) {
    TomlOnePassReader reader = new TomlOnePassReader(text, factory);
    try {
      reader.document();
    } catch (NotTaken | StackOverflowError e) {
      return Optional.empty();
    }
    return Optional.of(new Result(reader.tree, TomlPositions.of(reader.root)));
  }

  private static NotTaken notTaken() {
    return NOT_TAKEN;
  }

  private void document() {
    TomlKeyNode table = root;
    int section = 0;
    while (true) {
      skipSpaces();
      if (i >= s.length()) {
        return;
      }
      char c = s.charAt(i);
      if (c == '#' || c == '\n' || c == '\r') {
        endOfLine();
        continue;
      }
      int atLine = line;
      int atColumn = i - lineStart + 1;
      if (c == '[') {
        section = ++sections;
        if (i + 1 < s.length() && s.charAt(i + 1) == '[') {
          i += 2;
          List<String> path = keys(']');
          expect(']');
          expect(']');
          table = arrayTable(path, atLine, atColumn);
        } else {
          i++;
          List<String> path = keys(']');
          expect(']');
          table = table(path, atLine, atColumn);
        }
      } else {
        keyValue(table, section, atLine, atColumn);
      }
      skipSpaces();
      endOfLine();
    }
  }

  /** {@code [a.b.c]}: defines the table, once. */
  private TomlKeyNode table(List<String> path, int atLine, int atColumn) {
    TomlKeyNode n = above(path, atLine, atColumn);
    String key = path.get(path.size() - 1);
    TomlKeyNode t = n.child(key);
    if (t == null) {
      t = n.child(key, atLine, atColumn);
      t.kind = DEFINED;
      ObjectNode o = table();
      t.value = o;
      object(n).set(key, o);
    } else if (t.kind == IMPLICIT) {
      t.kind = DEFINED;
    } else {
      throw notTaken();
    }
    return t;
  }

  /** {@code [[a.b.c]]}: one more table in the array. */
  private TomlKeyNode arrayTable(List<String> path, int atLine, int atColumn) {
    TomlKeyNode n = above(path, atLine, atColumn);
    String key = path.get(path.size() - 1);
    TomlKeyNode array = n.child(key);
    if (array == null) {
      array = n.child(key, atLine, atColumn);
      array.kind = TABLES;
      ArrayNode a = factory.arrayNode();
      array.value = a;
      object(n).set(key, a);
    } else if (array.kind != TABLES) {
      throw notTaken();
    }
    TomlKeyNode t = array.child(element(array.arrayElements++), atLine, atColumn);
    t.kind = DEFINED;
    ObjectNode o = table();
    t.value = o;
    ((ArrayNode) nodeOf(array)).add(o);
    return t;
  }

  /** The table a header's last key is in, making the tables on the way. */
  private TomlKeyNode above(List<String> path, int atLine, int atColumn) {
    TomlKeyNode n = root;
    for (int k = 0; k < path.size() - 1; k++) {
      String key = path.get(k);
      TomlKeyNode c = n.child(key);
      if (c == null) {
        c = n.child(key, atLine, atColumn);
        c.kind = IMPLICIT;
        ObjectNode o = table();
        c.value = o;
        object(n).set(key, o);
      } else if (c.kind == TABLES) {
        c = c.child(element(c.arrayElements - 1));
        if (c == null) {
          throw notTaken();
        }
      } else if (c.kind != IMPLICIT && c.kind != DEFINED) {
        throw notTaken();
      }
      n = c;
    }
    return n;
  }

  /** {@code a.b.c = value} in {@code table}, written in {@code section}. */
  private void keyValue(TomlKeyNode table, int section, int atLine, int atColumn) {
    List<String> path = keys('=');
    TomlKeyNode n = table;
    int last = path.size() - 1;
    for (int k = 0; k < last; k++) {
      String key = path.get(k);
      TomlKeyNode c = n.child(key);
      if (c == null) {
        c = n.child(key, atLine, atColumn);
        c.kind = DOTTED;
        c.section = section;
        ObjectNode o = table();
        c.value = o;
        object(n).set(key, o);
      } else if (c.kind != DOTTED || c.section != section) {
        throw notTaken();
      }
      n = c;
    }
    String key = path.get(last);
    if (n.child(key) != null) {
      throw notTaken(); // a key given twice
    }
    TomlKeyNode target = n.child(key, atLine, atColumn);
    target.kind = FROZEN;
    skipSpaces();
    expect('=');
    skipSpaces();
    object(n).set(key, value(target));
  }

  private JsonNode value(TomlKeyNode at) {
    if (i >= s.length()) {
      throw notTaken();
    }
    char c = s.charAt(i);
    switch (c) {
      case '"':
        return factory.textNode(startsWith("\"\"\"") ? multiLineBasic() : basic());
      case '\'':
        return factory.textNode(startsWith("'''") ? multiLineLiteral() : literal());
      case 't':
        return word("true", true);
      case 'f':
        return word("false", false);
      case '[':
        return array(at);
      case '{':
        return inlineTable(at);
      default:
        return number();
    }
  }

  private JsonNode word(String word, boolean value) {
    if (!startsWith(word)) {
      throw notTaken();
    }
    i += word.length();
    endOfValue();
    return factory.booleanNode(value);
  }

  /**
   * A decimal integer that fits a long (Jackson's node for it: an int's when it fits one), or a
   * decimal fraction without an exponent (a {@code BigDecimal}'s node, as Jackson reads floats).
   */
  private JsonNode number() {
    int from = i;
    if (s.charAt(i) == '+' || s.charAt(i) == '-') {
      i++;
    }
    int count = digits();
    if (count == 0 || count > 18 || (count > 1 && s.charAt(i - count) == '0')) {
      throw notTaken(); // not a number, a leading zero, or one that may not fit a long
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      int fraction = digits();
      if (fraction == 0 || fraction > MAX_FRACTION_DIGITS) {
        throw notTaken();
      }
      endOfValue();
      // trailing zeros dropped, as Jackson's tree reader does: 2.50 is 2.5
      return factory.numberNode(new BigDecimal(s.substring(from, i)).stripTrailingZeros());
    }
    endOfValue();
    long v = Long.parseLong(s, from, i, 10);
    return v == (int) v ? factory.numberNode((int) v) : factory.numberNode(v);
  }

  private int digits() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - start;
  }

  /** After a bare value: what may follow one (exponents, dates and the like are Jackson's). */
  private void endOfValue() {
    if (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != ',' && c != ']' && c != '}' && c != '\n' && c != '\r'
          && c != '#') {
        throw notTaken();
      }
    }
  }

  private JsonNode array(TomlKeyNode at) {
    enter();
    at.kind = FROZEN;
    ArrayNode a = factory.arrayNode();
    i++;
    int index = 0;
    skipWhitespaceAndComments();
    while (peek() != ']') {
      TomlKeyNode element = at.child(element(index++), line, i - lineStart + 1);
      element.kind = FROZEN;
      a.add(value(element));
      skipWhitespaceAndComments();
      if (peek() == ',') {
        i++;
        skipWhitespaceAndComments();
      } else if (peek() != ']') {
        throw notTaken();
      }
    }
    i++;
    depth--;
    return a;
  }

  private JsonNode inlineTable(TomlKeyNode at) {
    enter();
    at.kind = DEFINED;
    ObjectNode o = table();
    at.value = o;
    int section = ++sections;
    i++;
    skipSpaces();
    if (peek() != '}') {
      while (true) {
        keyValue(at, section, line, i - lineStart + 1);
        skipSpaces();
        char c = peek();
        i++;
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw notTaken();
        }
        skipSpaces();
      }
    } else {
      i++;
    }
    at.kind = FROZEN; // nothing may be added to an inline table once it is closed
    depth--;
    return o;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw notTaken();
    }
  }

  /** The keys of a dotted key or header, up to the terminator; reused by the next call. */
  private List<String> keys(char terminator) {
    List<String> out = keys;
    out.clear();
    while (true) {
      skipSpaces();
      char c = peek();
      if (c == '"') {
        if (startsWith("\"\"\"")) {
          throw notTaken();
        }
        out.add(quotedName(basic()));
      } else if (c == '\'') {
        if (startsWith("'''")) {
          throw notTaken();
        }
        out.add(quotedName(literal()));
      } else {
        int from = i;
        int hash = 0;
        while (i < s.length()) {
          char b = s.charAt(i);
          if (b >= 128 || !BARE[b]) {
            break;
          }
          hash = 31 * hash + b;
          i++;
        }
        if (from == i) {
          throw notTaken();
        }
        out.add(names.getOrPut(s, from, i, hash, k -> k));
      }
      skipSpaces();
      char next = peek();
      if (next == '.') {
        i++;
      } else if (next == terminator) {
        return out;
      } else {
        throw notTaken();
      }
    }
  }

  /** A quoted key; an empty one, or one that reads as an array element's key, is Jackson's. */
  private String quotedName(String key) {
    if (key.isEmpty() || key.charAt(0) == '[') {
      throw notTaken();
    }
    return names.getOrPut(key, 0, key.length(), k -> k);
  }

  /** A value as written at {@code from..to}: one node for each distinct short value. */
  private JsonNode text(int from, int to) {
    return to - from > SHARED_TEXT_CHARS
        ? factory.textNode(s.substring(from, to))
        : texts.getOrPut(s, from, to, newText);
  }

  /** A basic string value: without escapes, straight from the text. */
  private JsonNode basicValue() {
    for (int k = i + 1; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"') {
        JsonNode v = text(i + 1, k);
        i = k + 1;
        return v;
      }
      if (c == '\\') {
        break;
      }
      plain(c, false);
    }
    return factory.textNode(basic());
  }

  /** A literal string value, straight from the text. */
  private JsonNode literalValue() {
    for (int k = i + 1; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\'') {
        JsonNode v = text(i + 1, k);
        i = k + 1;
        return v;
      }
      plain(c, false);
    }
    throw notTaken();
  }

  /** {@code "..."}: one line, with escapes. */
  private String basic() {
    int from = ++i;
    while (true) {
      char c = peek();
      if (c == '"') {
        return s.substring(from, i++);
      }
      if (c == '\\') {
        break;
      }
      plain(c, false);
      i++;
    }
    StringBuilder out = text;
    out.setLength(0);
    out.append(s, from, i);
    while (true) {
      char c = peek();
      if (c == '"') {
        i++;
        return out.toString();
      }
      if (c == '\\') {
        escape(out);
      } else {
        plain(c, false);
        out.append(c);
        i++;
      }
    }
  }

  /** {@code '...'}: one line, as written. */
  private String literal() {
    int from = ++i;
    while (true) {
      char c = peek();
      if (c == '\'') {
        return s.substring(from, i++);
      }
      plain(c, false);
      i++;
    }
  }

  /** {@code """..."""}: a first newline dropped, escapes, a backslash ending a line joins lines. */
  private String multiLineBasic() {
    i += 3;
    firstNewline();
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = peek();
      if (c == '"' && startsWith("\"\"\"")) {
        closeMultiLine(out, '"');
        return out.toString();
      }
      if (c == '\\') {
        int after = i + 1;
        while (after < s.length() && (s.charAt(after) == ' ' || s.charAt(after) == '\t')) {
          after++;
        }
        if (after < s.length() && (s.charAt(after) == '\n' || s.charAt(after) == '\r')) {
          i = after;
          skipWhitespaceAndNewlines();
        } else {
          escape(out);
        }
      } else {
        plain(c, true);
        out.append(c);
        advance(c);
      }
    }
  }

  /** {@code '''...'''}: a first newline dropped, as written. */
  private String multiLineLiteral() {
    i += 3;
    firstNewline();
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = peek();
      if (c == '\'' && startsWith("'''")) {
        closeMultiLine(out, '\'');
        return out.toString();
      }
      plain(c, true);
      out.append(c);
      advance(c);
    }
  }

  private void firstNewline() {
    if (i < s.length() && s.charAt(i) == '\n') {
      advance('\n');
    }
  }

  /** Up to two quotes next to the closing three belong to the string. */
  private void closeMultiLine(StringBuilder out, char quote) {
    int run = 0;
    while (i + run < s.length() && s.charAt(i + run) == quote) {
      run++;
    }
    if (run > 5) {
      throw notTaken();
    }
    for (int k = 3; k < run; k++) {
      out.append(quote);
    }
    i += run;
  }

  private void skipWhitespaceAndNewlines() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\n') {
        advance(c);
      } else if (c == '\r') {
        throw notTaken();
      } else {
        return;
      }
    }
  }

  private void escape(StringBuilder out) {
    i++;
    char e = peek();
    i++;
    switch (e) {
      case 'b' -> out.append('\b');
      case 't' -> out.append('\t');
      case 'n' -> out.append('\n');
      case 'f' -> out.append('\f');
      case 'r' -> out.append('\r');
      case '"' -> out.append('"');
      case '\\' -> out.append('\\');
      case 'u' -> out.appendCodePoint(hex(4));
      case 'U' -> out.appendCodePoint(hex(8));
      default -> throw notTaken();
    }
  }

  private int hex(int digits) {
    if (i + digits > s.length()) {
      throw notTaken();
    }
    int v = 0;
    for (int k = 0; k < digits; k++) {
      int d = Character.digit(s.charAt(i + k), 16);
      if (d < 0 || s.charAt(i + k) > 'f') {
        throw notTaken();
      }
      v = v * 16 + d;
    }
    i += digits;
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      throw notTaken();
    }
    return v;
  }

  /** A character of a string as written: no control character but a tab (and newlines). */
  private static void plain(char c, boolean newlines) {
    if ((c < 0x20 && c != '\t' && !(newlines && c == '\n')) || c == 0x7f) {
      throw notTaken(); // a carriage return too: how it reads is Jackson's to say
    }
  }

  private void advance(char c) {
    i++;
    if (c == '\n') {
      line++;
      lineStart = i;
    }
  }

  /** Whitespace, newlines and comments between an array's elements. */
  private void skipWhitespaceAndComments() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '#' || c == '\n' || c == '\r') {
        endOfLine();
      } else {
        return;
      }
    }
  }

  /** An optional comment, then the end of the line (or of the text). */
  private void endOfLine() {
    if (i < s.length() && s.charAt(i) == '#') {
      i++;
      while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
        char c = s.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw notTaken();
        }
        i++;
      }
    }
    if (i >= s.length()) {
      return;
    }
    if (s.charAt(i) == '\r') {
      i++;
      if (i >= s.length() || s.charAt(i) != '\n') {
        throw notTaken();
      }
    }
    if (s.charAt(i) != '\n') {
      throw notTaken();
    }
    advance('\n');
  }

  private void skipSpaces() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
  }

  private boolean startsWith(String prefix) {
    return s.startsWith(prefix, i);
  }

  private char peek() {
    if (i >= s.length()) {
      throw notTaken();
    }
    return s.charAt(i);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw notTaken();
    }
    i++;
  }

  /** A new table; its keys are already the one string kept for each. */
  private ObjectNode table() {
    return new ObjectNode(factory, new LinkedHashMap<>(4));
  }

  private static ObjectNode object(TomlKeyNode table) {
    return (ObjectNode) nodeOf(table);
  }

  private static JsonNode nodeOf(TomlKeyNode node) {
    JsonNode v = node.value;
    if (v == null) {
      throw notTaken();
    }
    return v;
  }
}
