package dev.skillrt.manifest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the tree a manifest is read into, sharing what a large manifest repeats: one string for
 * each distinct key and one node for each distinct short text value (nodes are immutable), and
 * tables sized for the few keys most have. The tree is kept while the model is built, so its size
 * is what every collection in between copies.
 *
 * <p>One for each read: not thread-safe.
 */
public final class SharingNodeFactory extends JsonNodeFactory {

  private static final long serialVersionUID = 1L;

  /** Longer values rarely repeat: they are not looked up. */
  private static final int SHARED_TEXT_CHARS = 48;

  private final HashMap<String, String> names = new HashMap<>();
  private final HashMap<String, TextNode> texts = new HashMap<>();

  public SharingNodeFactory() {
    super(false);
  }

  @Override
  public ObjectNode objectNode() {
    return new ObjectNode(this, new SharedKeys(names));
  }

  @Override
  public TextNode textNode(@Nullable String text) {
    if (text == null || text.length() > SHARED_TEXT_CHARS) {
      return super.textNode(text);
    }
    TextNode known = texts.get(text);
    if (known == null) {
      known = super.textNode(text);
      texts.put(text, known);
    }
    return known;
  }

  /** A table's keys, each stored as the one string kept for that key. */
  private static final class SharedKeys extends LinkedHashMap<String, JsonNode> {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> names;

    SharedKeys(Map<String, String> names) {
      super(4); // most tables have a few keys; a larger one grows
      this.names = names;
    }

    @Override
    public @Nullable JsonNode put(String key, JsonNode value) {
      String known = names.putIfAbsent(key, key);
      return super.put(known != null ? known : key, value);
    }
  }
}
