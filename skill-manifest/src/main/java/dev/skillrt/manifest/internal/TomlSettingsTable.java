package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TreeReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.Durations;
import dev.skillrt.api.Location;
import dev.skillrt.api.Mount;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.spi.SettingsTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A manifest table handed to a runtime's provider: the {@link TreeReader}'s reads, rooted at one
 * path.
 */
final class TomlSettingsTable implements SettingsTable {

  private final TreeReader tree;
  private final SkillPartsReader parts;
  private final ObjectNode node;
  private final List<String> path;
  private final boolean present;
  private final List<String> fallback;

  /**
   * @param node the table, or {@code null} when the manifest does not write it
   * @param fallback where an absent table is reported (its skill)
   */
  TomlSettingsTable(
      TreeReader tree,
      SkillPartsReader parts,
      @Nullable ObjectNode node,
      List<String> path,
      List<String> fallback) {
    this.tree = tree;
    this.parts = parts;
    this.present = node != null;
    this.node = node != null ? node : JsonNodeFactory.instance.objectNode();
    this.path = List.copyOf(path);
    this.fallback = List.copyOf(fallback);
  }

  private List<String> at(String key) {
    return path(path, key);
  }

  private List<String> here() {
    return present ? path : fallback;
  }

  @Override
  public String name() {
    return TreeReader.dotted(path);
  }

  @Override
  public boolean present() {
    return present;
  }

  @Override
  public Location location() {
    return tree.at(here());
  }

  @Override
  public Location location(String key) {
    return node.has(key) ? tree.at(at(key)) : location();
  }

  @Override
  public Set<String> keys() {
    Set<String> out = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Override
  public boolean has(String key) {
    return node.has(key);
  }

  @Override
  public Optional<String> string(String key) {
    return tree.string(node, at(key));
  }

  @Override
  public String requiredString(String key, String hint) {
    if (!node.has(key)) {
      tree.problem(here(), "missing key " + Echo.quoted(key) + " in [" + name() + "]: " + hint);
      return "";
    }
    return string(key).orElse("");
  }

  @Override
  public Optional<String> scalar(String key, String expected) {
    return tree.scalar(node, at(key), expected);
  }

  @Override
  public Optional<Boolean> bool(String key) {
    return tree.bool(node, at(key));
  }

  @Override
  public OptionalInt integer(String key, int min, int max) {
    return tree.integer(node, at(key), min, max);
  }

  @Override
  public OptionalDouble positiveNumber(String key) {
    String expected = "a positive number such as 1.5";
    Optional<String> raw = notBoolean(key, expected);
    if (raw.isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      double d = Double.parseDouble(raw.get().trim());
      if (d > 0 && !Double.isInfinite(d)) {
        return OptionalDouble.of(d);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    tree.problem(
        at(key),
        TreeReader.dotted(at(key)) + " must be " + expected + ", found " + Echo.quoted(raw.get()));
    return OptionalDouble.empty();
  }

  @Override
  public Optional<DataSize> size(String key, boolean positive) {
    String expected = positive ? "a positive size such as \"256m\"" : "a size such as \"256m\"";
    Optional<String> raw = notBoolean(key, expected);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      DataSize size = DataSize.parse(raw.get().trim());
      if (!positive || size.bytes() > 0) {
        return Optional.of(size);
      }
    } catch (RuntimeException e) {
      // reported below
    }
    tree.problem(
        at(key),
        TreeReader.dotted(at(key)) + " must be " + expected + ", found " + Echo.quoted(raw.get()));
    return Optional.empty();
  }

  @Override
  public Optional<Duration> duration(String key) {
    String expected = "a duration such as \"30s\"";
    Optional<String> raw = notBoolean(key, expected);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Durations.parse(raw.get().trim()));
    } catch (RuntimeException e) {
      tree.problem(
          at(key),
          TreeReader.dotted(at(key))
              + " must be "
              + expected
              + ", found "
              + Echo.quoted(raw.get()));
      return Optional.empty();
    }
  }

  private Optional<String> notBoolean(String key, String expected) {
    JsonNode n = node.get(key);
    if (n != null && n.isBoolean()) {
      tree.problem(
          at(key), TreeReader.dotted(at(key)) + " must be " + expected + ", found a boolean");
      return Optional.empty();
    }
    return tree.scalar(node, at(key), expected);
  }

  @Override
  public Optional<List<String>> strings(String key) {
    return tree.strings(node, at(key));
  }

  @Override
  public Optional<List<String>> stringOrStrings(String key) {
    JsonNode n = node.get(key);
    if (n != null && n.isTextual()) {
      return string(key).map(List::of);
    }
    return strings(key);
  }

  @Override
  public Optional<SettingsTable> table(String key) {
    return tree.table(node, at(key))
        .map(t -> new TomlSettingsTable(tree, parts, t, at(key), at(key)));
  }

  @Override
  public <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
    return string(key).flatMap(s -> parts.choice(s, at(key), type));
  }

  @Override
  public Optional<Path> resolve(String key, String written) {
    return parts.resolveFile(written, node.has(key) ? at(key) : here());
  }

  @Override
  public Optional<List<Mount>> mounts(String key, boolean readOnlyByDefault) {
    return strings(key)
        .map(
            list -> {
              List<Mount> out = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                parts
                    .mount(list.get(i), path(at(key), TomlPositions.element(i)), readOnlyByDefault)
                    .ifPresent(out::add);
              }
              return out;
            });
  }

  @Override
  public void checkKeys(Collection<String> allowed) {
    tree.checkKeys(node, path, allowed);
  }

  @Override
  public void problem(String message) {
    tree.problem(here(), message);
  }

  @Override
  public void problem(String key, String message) {
    tree.problem(node.has(key) ? at(key) : here(), message);
  }

  @Override
  public void problem(String key, int index, String message) {
    tree.problem(node.has(key) ? path(at(key), TomlPositions.element(index)) : here(), message);
  }
}
