package dev.skillrt.agentskills.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses a frontmatter with the YAML parser of Jackson's line, keeping where each top-level key and
 * its value are written, as lines and columns of the whole file.
 */
public final class FrontmatterParser {

  /** The most YAML a frontmatter may hold. */
  public static final int MAX_CODE_POINTS = 256 * 1024;

  private static final YAMLMapper YAML = mapper();

  private FrontmatterParser() {}

  private static YAMLMapper mapper() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(20);
    options.setAllowDuplicateKeys(false);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    return YAMLMapper.builder(factory).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  /** A file position, 1-based. */
  public record Position(int line, int column) {}

  /** A top-level key with its value and where both are written. */
  public record Entry(String key, JsonNode value, Position keyAt, Position valueAt) {}

  /**
   * The parsed frontmatter: the top-level entries in order, or why it is not a YAML mapping.
   *
   * @param entries the keys and values, empty on failure
   * @param failure where and why parsing failed
   */
  public record Parsed(Map<String, Entry> entries, Optional<Failure> failure) {}

  /** Why a frontmatter could not be read. */
  public record Failure(Position at, String message) {}

  /**
   * @param yaml the frontmatter text
   * @param firstLine the file line the text's first line is on
   */
  public static Parsed parse(String yaml, int firstLine) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Parsed(entries, Optional.empty());
      }
      if (t != JsonToken.START_OBJECT) {
        return failed(
            at(p.currentTokenLocation(), firstLine),
            "the frontmatter must be a YAML mapping of keys to values (name: ..., description: ...),"
                + " found "
                + kind(t));
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        Position keyAt = at(p.currentTokenLocation(), firstLine);
        p.nextToken();
        Position valueAt = at(p.currentTokenLocation(), firstLine);
        JsonNode value = YAML.readTree(p);
        entries.put(key, new Entry(key, value == null ? YAML.nullNode() : value, keyAt, valueAt));
      }
      return new Parsed(entries, Optional.empty());
    } catch (JacksonException e) {
      JsonLocation loc = e.getLocation();
      String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
      if (why.length() > 200) {
        why = why.substring(0, 200) + "...";
      }
      return failed(
          loc == null ? new Position(firstLine, 1) : at(loc, firstLine),
          "the frontmatter is not valid YAML: "
              + why
              + "; fix the YAML (quote a value that holds \": \" or"
              + " starts with a special character)");
    } catch (IOException | RuntimeException e) {
      return failed(
          new Position(firstLine, 1),
          "the frontmatter is not valid YAML: "
              + e.getClass().getSimpleName()
              + "; fix the YAML (quote a value that holds \": \" or starts with a special character)");
    }
  }

  private static Parsed failed(Position at, String message) {
    return new Parsed(Map.of(), Optional.of(new Failure(at, message)));
  }

  private static Position at(JsonLocation loc, int firstLine) {
    int line = Math.max(loc.getLineNr(), 1);
    int column = Math.max(loc.getColumnNr(), 1);
    return new Position(line + firstLine - 1, column);
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a single string";
      default -> "a single value";
    };
  }
}
