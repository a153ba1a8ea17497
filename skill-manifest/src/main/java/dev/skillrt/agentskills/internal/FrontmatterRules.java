package dev.skillrt.agentskills.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillrt.agentskills.internal.FrontmatterParser.Entry;
import dev.skillrt.agentskills.internal.FrontmatterParser.Position;
import dev.skillrt.api.Problem;
import dev.skillrt.api.internal.Echo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The specification's rules for frontmatter fields. Every broken rule is a warning (the skill still
 * loads; strict validation makes it an error), located at the key or value concerned.
 */
public final class FrontmatterRules {

  /** The keys the specification defines. */
  public static final List<String> KEYS =
      List.of("name", "description", "license", "compatibility", "metadata", "allowed-tools");

  public static final int MAX_NAME = 64;
  public static final int MAX_DESCRIPTION = 1024;
  public static final int MAX_COMPATIBILITY = 500;

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The fields as read, with the warnings found. */
  public record Fields(
      Optional<String> name,
      String description,
      Optional<String> license,
      Optional<String> compatibility,
      Map<String, String> metadata,
      Optional<List<String>> allowedTools,
      List<Problem> warnings) {}

  private final String source;
  private final List<Problem> warnings = new ArrayList<>();

  private FrontmatterRules(String source) {
    this.source = source;
  }

  /**
   * @param source the file name problems carry
   * @param folderName the name of the skill's folder, which {@code name} must equal
   * @param start where the frontmatter starts, for problems about a missing key
   */
  public static Fields check(
      String source, String folderName, Map<String, Entry> entries, Position start) {
    return new FrontmatterRules(source).fields(folderName, entries, start);
  }

  private Fields fields(String folderName, Map<String, Entry> entries, Position start) {
    for (Entry e : entries.values()) {
      if (!KEYS.contains(e.key())) {
        warn(
            e.keyAt(),
            "unknown frontmatter key "
                + Echo.quoted(e.key())
                + "; the specification defines "
                + String.join(", ", KEYS)
                + " (put other information under metadata:)");
      }
    }
    Entry nameEntry = entries.get("name");
    Optional<String> name = text(nameEntry, "name");
    Optional<String> validName = Optional.empty();
    if (name.isEmpty() || nameEntry == null) {
      if (!entries.containsKey("name")) {
        warn(
            start, "the frontmatter has no name; add name: " + folderName + " (the folder's name)");
      }
    } else {
      Position at = nameEntry.valueAt();
      String n = name.get();
      if (n.isEmpty() || n.length() > MAX_NAME) {
        warn(at, "name must be 1 to " + MAX_NAME + " characters, found " + n.length());
      } else if (!NAME.matcher(n).matches()) {
        warn(
            at,
            "name "
                + Echo.quoted(n)
                + " may hold only a-z, 0-9 and single hyphens, neither first nor last;"
                + " the skill is named after its folder, "
                + Echo.quoted(folderName));
      } else {
        validName = name;
        if (!n.equals(folderName)) {
          warn(
              at,
              "name "
                  + Echo.quoted(n)
                  + " differs from the folder's name "
                  + Echo.quoted(folderName)
                  + "; the specification wants them equal: rename the folder or the name");
        }
      }
    }
    Entry descriptionEntry = entries.get("description");
    Optional<String> description = text(descriptionEntry, "description");
    if (descriptionEntry == null) {
      warn(
          start,
          "the frontmatter has no description; add description: saying what the skill does and when to use it");
    } else if (description.isPresent()) {
      int length = description.get().strip().length();
      if (length == 0 || length > MAX_DESCRIPTION) {
        warn(
            descriptionEntry.valueAt(),
            "description must be 1 to " + MAX_DESCRIPTION + " characters, found " + length);
      }
    }
    Optional<String> license = text(entries.get("license"), "license");
    Entry compatibilityEntry = entries.get("compatibility");
    Optional<String> compatibility = text(compatibilityEntry, "compatibility");
    compatibility
        .filter(c -> c.length() > MAX_COMPATIBILITY)
        .ifPresent(
            c ->
                warn(
                    compatibilityEntry == null ? start : compatibilityEntry.valueAt(),
                    "compatibility must be at most "
                        + MAX_COMPATIBILITY
                        + " characters, found "
                        + c.length()));
    Map<String, String> metadata = metadata(entries.get("metadata"));
    Optional<List<String>> allowedTools = allowedTools(entries.get("allowed-tools"));
    return new Fields(
        validName,
        description.orElse("").strip(),
        license,
        compatibility,
        metadata,
        allowedTools,
        warnings);
  }

  private Optional<String> text(@Nullable Entry e, String key) {
    if (e == null) {
      return Optional.empty();
    }
    JsonNode v = e.value();
    if (v.isTextual()) {
      return Optional.of(v.textValue());
    }
    if (v.isNumber() || v.isBoolean()) {
      warn(e.valueAt(), key + " should be a string, found " + v.asText() + "; quote it");
      return Optional.of(v.asText());
    }
    warn(e.valueAt(), key + " must be a string, found " + kind(v));
    return Optional.empty();
  }

  private Map<String, String> metadata(@Nullable Entry e) {
    Map<String, String> out = new LinkedHashMap<>();
    if (e == null) {
      return out;
    }
    if (!e.value().isObject()) {
      warn(
          e.valueAt(),
          "metadata must be a mapping of strings to strings, found " + kind(e.value()));
      return out;
    }
    e.value()
        .properties()
        .forEach(
            p -> {
              JsonNode v = p.getValue();
              if (v.isTextual()) {
                out.put(p.getKey(), v.textValue());
              } else if (v.isValueNode() && !v.isNull()) {
                warn(
                    e.valueAt(),
                    "metadata."
                        + Echo.of(p.getKey())
                        + " should be a string, found "
                        + v.asText()
                        + "; quote it");
                out.put(p.getKey(), v.asText());
              } else {
                warn(
                    e.valueAt(),
                    "metadata."
                        + Echo.of(p.getKey())
                        + " must be a string, found "
                        + kind(v)
                        + "; it is left out");
              }
            });
    return out;
  }

  private Optional<List<String>> allowedTools(@Nullable Entry e) {
    if (e == null) {
      return Optional.empty();
    }
    JsonNode v = e.value();
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      warn(
          e.valueAt(),
          "allowed-tools is a list; the specification writes one string of tools separated by"
              + " spaces (allowed-tools: Bash(git:*) Read)");
      for (JsonNode item : v) {
        if (item.isTextual() && !item.textValue().isBlank()) {
          out.add(item.textValue().strip());
        } else {
          warn(
              e.valueAt(),
              "allowed-tools entries must be strings, found " + kind(item) + "; it is left out");
        }
      }
      return Optional.of(out);
    }
    if (!v.isTextual()) {
      warn(
          e.valueAt(),
          "allowed-tools must be a string of tools separated by spaces, found " + kind(v));
      return Optional.of(out);
    }
    AllowedTools.Split split = AllowedTools.split(v.textValue());
    if (split.commas()) {
      warn(
          e.valueAt(),
          "allowed-tools is separated by commas; the specification separates tools by spaces"
              + " (allowed-tools: Bash(git:*) Read)");
    }
    return Optional.of(split.entries());
  }

  private void warn(Position at, String message) {
    warnings.add(new Problem(source, at.line(), at.column(), message));
  }

  private static String kind(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    if (v.isNull()) {
      return "nothing";
    }
    return Echo.quoted(v.asText());
  }
}
