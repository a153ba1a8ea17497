package dev.skillrt.manifest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillrt.manifest.internal.TomlPositions.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A written path: where it was first written, its keys below, and what the scan needs to know of
 * it. Every ancestor of a written path is written too, at the first place below it.
 *
 * <p>Kept small, since a large manifest has hundreds of thousands: the position is two ints, the
 * keys below are a linked list, indexed by a map only past {@link #LINEAR} keys.
 */
final class TomlKeyNode {
  private static final int LINEAR = 8;

  private final @Nullable TomlKeyNode parent;
  private final String key;
  final int line;
  final int column;
  int assignedLine;
  int assignedColumn;
  int arrayElements;

  /** For {@link TomlOnePassReader}: what the key names (a kind of table, or a value). */
  byte kind;

  /** For {@link TomlOnePassReader}: the section a table made by a dotted key was made in. */
  int section;

  /** For {@link TomlOnePassReader}: the key's node in the tree, when it is a table or array. */
  @Nullable JsonNode value;

  private int children;
  private @Nullable TomlKeyNode first;
  private @Nullable TomlKeyNode last;
  private @Nullable TomlKeyNode next;
  private @Nullable Map<String, TomlKeyNode> index;

  TomlKeyNode(@Nullable TomlKeyNode parent, String key, int line, int column) {
    this.parent = parent;
    this.key = key;
    this.line = line;
    this.column = column;
  }

  @Nullable TomlKeyNode child(String key) {
    if (index != null) {
      return index.get(key);
    }
    for (TomlKeyNode c = first; c != null; c = c.next) {
      if (c.key.equals(key)) {
        return c;
      }
    }
    return null;
  }

  /** The child for a key, written at {@code line:column} when it is new. */
  TomlKeyNode child(String key, int line, int column) {
    TomlKeyNode c = child(key);
    if (c != null) {
      return c;
    }
    c = new TomlKeyNode(this, key, line, column);
    if (last == null) {
      first = c;
    } else {
      last.next = c;
    }
    last = c;
    children++;
    if (index != null) {
      index.put(key, c);
    } else if (children > LINEAR) {
      index = new HashMap<>(children * 4);
      for (TomlKeyNode k = first; k != null; k = k.next) {
        index.put(k.key, k);
      }
    }
    return c;
  }

  TomlKeyNode child(String key, Position at) {
    return child(key, at.line(), at.column());
  }

  /** Drops the keys below, keeping this key's own position. */
  void forgetChildren() {
    first = null;
    last = null;
    index = null;
    children = 0;
    value = null;
  }

  List<String> path() {
    List<String> out = new ArrayList<>();
    for (TomlKeyNode n = this; n.parent != null; n = n.parent) {
      out.add(n.key);
    }
    Collections.reverse(out);
    return List.copyOf(out);
  }
}
