package dev.skillrt.manifest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.Location;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.Suggestions;
import dev.skillrt.manifest.ManifestMaxima;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.RandomAccess;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed, located reads from a TOML tree: each read checks the type, expands variables in strings,
 * and records a located problem instead of throwing, so every problem is reported at once.
 */
public final class TreeReader {

  /** A string map where some values are secret (from a {@code {value, secret}} table). */
  public record SecretAwareMap(Map<String, String> values, Set<String> secrets) {}

  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private final String source;
  private final TomlPositions positions;
  private final VariableExpander expander;
  private final List<Problem> problems = new ArrayList<>();
  private int unreported;

  public TreeReader(String source, TomlPositions positions, VariableExpander expander) {
    this.source = source;
    this.positions = positions;
    this.expander = expander;
  }

  /**
   * The problems found, at most {@link ManifestMaxima#PROBLEMS_REPORTED}; past that the last one
   * says how many more there are.
   */
  public List<Problem> problems() {
    if (unreported == 0) {
      return List.copyOf(problems);
    }
    List<Problem> out = new ArrayList<>(problems);
    out.add(
        new Problem(
            source,
            0,
            0,
            unreported
                + " more problems are not listed; fix the ones above and load the manifest again"));
    return List.copyOf(out);
  }

  public static List<String> path(List<String> base, String... more) {
    int size = base.size();
    String[] out = new String[size + more.length];
    if (base instanceof KeyPath k) {
      System.arraycopy(k.keys, 0, out, 0, size);
    } else {
      for (int i = 0; i < size; i++) {
        out[i] = base.get(i);
      }
    }
    System.arraycopy(more, 0, out, size, more.length);
    return new KeyPath(out);
  }

  /**
   * A path built by {@link #path}: one array, kept, behind one read-only list, since a path is
   * built for nearly every key read.
   */
  private static final class KeyPath extends AbstractList<String> implements RandomAccess {
    private final String[] keys;

    KeyPath(String[] keys) {
      this.keys = keys;
    }

    @Override
    public String get(int index) {
      return keys[index];
    }

    @Override
    public int size() {
      return keys.length;
    }
  }

  public static String dotted(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String k : path) {
      if (k.startsWith("[")) {
        sb.append(k);
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(BARE_KEY.matcher(k).matches() ? Echo.of(k) : Echo.quoted(k));
      }
    }
    return sb.toString();
  }

  public Location at(List<String> path) {
    TomlPositions.Position p = positions.find(path);
    return new Location(source, p.line(), p.column());
  }

  /**
   * Forgets the key positions below a path whose table has been read (see {@link
   * TomlPositions#release}).
   */
  public void release(List<String> path) {
    positions.release(path);
  }

  public void problem(List<String> path, String message) {
    if (problems.size() >= ManifestMaxima.PROBLEMS_REPORTED) {
      unreported++;
      return;
    }
    Problem p = at(path).problem(message);
    if (!problems.contains(p)) { // the same table read once per interpreter of a skill folder
      problems.add(p);
    }
  }

  /** A problem found outside the manifest's own text (such as in a skill folder it names). */
  public void add(Problem problem) {
    if (problems.size() >= ManifestMaxima.PROBLEMS_REPORTED) {
      unreported++;
      return;
    }
    problems.add(problem);
  }

  /** Reports each key of {@code node} not in {@code allowed}, with a suggestion. */
  public void checkKeys(ObjectNode node, List<String> path, Collection<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!allowed.contains(key)) {
        unknownKey(path, key, allowed);
      }
    }
  }

  public void unknownKey(List<String> path, String key, Collection<String> allowed) {
    String where = path.isEmpty() ? "at the top level" : "in [" + dotted(path) + "]";
    problem(
        path(path, key),
        "unknown key "
            + Echo.quoted(key)
            + " "
            + where
            + Suggestions.didYouMean(key, allowed)
            + " (expected one of: "
            + String.join(", ", allowed)
            + ")");
  }

  public static String typeName(JsonNode n) {
    if (n.isTextual()) return "a string";
    if (n.isBoolean()) return "a boolean";
    if (n.isIntegralNumber()) return "an integer";
    if (n.isNumber()) return "a number";
    if (n.isArray()) return "an array";
    if (n.isObject()) return "a table";
    return "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private void wrongType(List<String> path, JsonNode found, String expected) {
    problem(path, dotted(path) + " must be " + expected + ", found " + typeName(found));
  }

  public Optional<ObjectNode> table(ObjectNode parent, List<String> path) {
    JsonNode n = parent.get(last(path));
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isObject()) {
      wrongType(path, n, "a table");
      return Optional.empty();
    }
    return Optional.of((ObjectNode) n);
  }

  /** The entries of a table of tables (such as {@code skills}), each checked to be a table. */
  public Map<String, ObjectNode> tables(ObjectNode parent, List<String> path) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    table(parent, path)
        .ifPresent(
            t ->
                t.properties()
                    .forEach(
                        e -> {
                          if (e.getValue().isObject()) {
                            out.put(e.getKey(), (ObjectNode) e.getValue());
                          } else {
                            wrongType(path(path, e.getKey()), e.getValue(), "a table");
                          }
                        }));
    return out;
  }

  public Optional<String> string(ObjectNode parent, List<String> path) {
    JsonNode n = parent.get(last(path));
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      wrongType(path, n, "a string");
      return Optional.empty();
    }
    return expand(path, n.textValue());
  }

  // The reads below take the path as a base and a key, and build the key's path only when the key
  // is written: most keys a reader asks for are not, and a large manifest asks for millions.

  public Optional<String> string(ObjectNode parent, List<String> base, String key) {
    return parent.has(key) ? string(parent, path(base, key)) : Optional.empty();
  }

  public Optional<ObjectNode> table(ObjectNode parent, List<String> base, String key) {
    return parent.has(key) ? table(parent, path(base, key)) : Optional.empty();
  }

  public Optional<Boolean> bool(ObjectNode parent, List<String> base, String key) {
    return parent.has(key) ? bool(parent, path(base, key)) : Optional.empty();
  }

  public OptionalInt integer(ObjectNode parent, List<String> base, String key, int min, int max) {
    return parent.has(key) ? integer(parent, path(base, key), min, max) : OptionalInt.empty();
  }

  public Optional<List<String>> strings(ObjectNode parent, List<String> base, String key) {
    return parent.has(key) ? strings(parent, path(base, key)) : Optional.empty();
  }

  public String requiredString(ObjectNode parent, List<String> path, String hint) {
    if (!parent.has(last(path))) {
      problem(
          path,
          "missing key \""
              + last(path)
              + "\" in ["
              + dotted(path.subList(0, path.size() - 1))
              + "]: "
              + hint);
      return "";
    }
    return string(parent, path).orElse("");
  }

  /** A scalar (string, number or boolean) as text; strings are expanded. */
  public Optional<String> scalar(ObjectNode parent, List<String> path, String expected) {
    JsonNode n = parent.get(last(path));
    if (n == null) {
      return Optional.empty();
    }
    if (n.isTextual()) {
      return expand(path, n.textValue());
    }
    if (n.isNumber() || n.isBoolean()) {
      return Optional.of(n.asText());
    }
    wrongType(path, n, expected);
    return Optional.empty();
  }

  public Optional<Boolean> bool(ObjectNode parent, List<String> path) {
    JsonNode n = parent.get(last(path));
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isBoolean()) {
      wrongType(path, n, "a boolean (true or false)");
      return Optional.empty();
    }
    return Optional.of(n.booleanValue());
  }

  public OptionalInt integer(ObjectNode parent, List<String> path, int min, int max) {
    JsonNode n = parent.get(last(path));
    if (n == null) {
      return OptionalInt.empty();
    }
    if (!n.isIntegralNumber()) {
      wrongType(path, n, "an integer");
      return OptionalInt.empty();
    }
    if (!n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      problem(
          path, dotted(path) + " must be between " + min + " and " + max + ", found " + n.asText());
      return OptionalInt.empty();
    }
    return OptionalInt.of(n.intValue());
  }

  /** An array of strings, each expanded; element problems are located at the element. */
  public Optional<List<String>> strings(ObjectNode parent, List<String> path) {
    JsonNode n = parent.get(last(path));
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isArray()) {
      wrongType(path, n, "an array of strings");
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      List<String> p = path(path, TomlPositions.element(i));
      if (!e.isTextual()) {
        wrongType(p, e, "a string");
        continue;
      }
      expand(p, e.textValue()).ifPresent(out::add);
    }
    return Optional.of(out);
  }

  /**
   * A table of scalar values ({@code env}, {@code config}); a value may also be written {@code {
   * value = "...", secret = true }}.
   */
  public SecretAwareMap stringMap(ObjectNode parent, List<String> path) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> secrets = new LinkedHashSet<>();
    table(parent, path)
        .ifPresent(
            t ->
                t.properties()
                    .forEach(
                        e -> {
                          List<String> p = path(path, e.getKey());
                          JsonNode v = e.getValue();
                          if (v.isObject()) {
                            ObjectNode o = (ObjectNode) v;
                            checkKeys(o, p, List.of("value", "secret"));
                            if (!o.has("value")) {
                              problem(
                                  p, dotted(p) + " needs a \"value\" key when written as a table");
                            }
                            scalar(o, path(p, "value"), "a string")
                                .ifPresent(s -> values.put(e.getKey(), s));
                            if (bool(o, path(p, "secret")).orElse(false)) {
                              secrets.add(e.getKey());
                            }
                          } else {
                            scalar(t, p, "a string, number, boolean or {value, secret} table")
                                .ifPresent(s -> values.put(e.getKey(), s));
                          }
                        }));
    return new SecretAwareMap(values, secrets);
  }

  public Optional<String> expand(List<String> path, String raw) {
    try {
      return Optional.of(expander.expand(raw));
    } catch (VariableExpander.ExpansionException e) {
      problem(path, "cannot expand " + dotted(path) + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static String last(List<String> path) {
    return path.get(path.size() - 1);
  }
}
