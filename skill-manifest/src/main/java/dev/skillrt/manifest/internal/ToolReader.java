package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TreeReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.api.internal.Echo;
import dev.skillrt.api.internal.Suggestions;
import dev.skillrt.manifest.ArgvElement;
import dev.skillrt.manifest.ParameterDefinition;
import dev.skillrt.manifest.ParameterType;
import dev.skillrt.manifest.StdinMode;
import dev.skillrt.manifest.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code tools} of a skill: argv templates (strings and groups) and parameters. */
final class ToolReader {

  static final List<String> TOOL_KEYS = List.of("description", "args", "stdin", "parameters");
  static final List<String> PARAMETER_KEYS =
      List.of("type", "description", "required", "default", "enum", "secret", "allow_leading_dash");

  /** A {@code {{name}}} placeholder in an argv template. */
  private final TreeReader tree;

  private final SkillPartsReader parts;

  ToolReader(TreeReader tree, SkillPartsReader parts) {
    this.tree = tree;
    this.parts = parts;
  }

  ToolDefinition tool(String name, ObjectNode node, List<String> p) {
    tree.checkKeys(node, p, TOOL_KEYS);
    String description = tree.string(node, p, "description").orElse("");
    List<ArgvElement> template = template(node, p, name);
    StdinMode stdin =
        tree.string(node, p, "stdin")
            .flatMap(s -> parts.choice(s, path(p, "stdin"), StdinMode.class))
            .orElse(StdinMode.NONE);
    Map<String, ParameterDefinition> parameters = new LinkedHashMap<>();
    tree.tables(node, path(p, "parameters"))
        .forEach(
            (param, n) -> parameters.put(param, parameter(param, n, path(p, "parameters", param))));
    for (int i = 0; i < template.size(); i++) {
      ArgvElement element = template.get(i);
      for (int j = 0; j < element.parts().size(); j++) {
        if (!element.parts().get(j).contains("{{")) {
          continue; // a literal: no placeholder to match
        }
        String part = element.parts().get(j);
        for (Placeholder m = Placeholder.find(part, 0);
            m != null;
            m = Placeholder.find(part, m.end())) {
          String ref = m.name();
          if (!parameters.containsKey(ref)) {
            List<String> at =
                element.group()
                    ? path(p, "args", TomlPositions.element(i), TomlPositions.element(j))
                    : path(p, "args", TomlPositions.element(i));
            tree.problem(
                at,
                "the template names {{"
                    + Echo.of(ref)
                    + "}}, which is not a parameter of tool "
                    + Echo.quoted(name)
                    + Suggestions.didYouMean(ref, parameters.keySet())
                    + "; declare ["
                    + TreeReader.dotted(path(p, "parameters", ref))
                    + "]");
          }
        }
      }
    }
    return new ToolDefinition(name, description, template, stdin, parameters, tree.at(p));
  }

  /**
   * {@code args}: strings and groups (nested arrays of strings); {@code [TOOL]} when absent. Each
   * string is expanded; a problem is located at its element.
   */
  private List<ArgvElement> template(ObjectNode tool, List<String> p, String name) {
    List<String> ap = path(p, "args");
    JsonNode n = tool.get("args");
    if (n == null) {
      return List.of(ArgvElement.of(name, tree.at(p)));
    }
    String expected =
        "a string or a group of strings (a nested array, such as [\"--out\", \"{{out}}\"])";
    if (!n.isArray()) {
      tree.problem(
          ap,
          TreeReader.dotted(ap)
              + " must be an array of strings and groups, found "
              + TreeReader.typeName(n));
      return List.of();
    }
    List<ArgvElement> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      List<String> ep = path(ap, TomlPositions.element(i));
      if (e.isTextual()) {
        tree.expand(ep, e.textValue()).ifPresent(s -> out.add(ArgvElement.of(s, tree.at(ep))));
      } else if (e.isArray() && e.isEmpty()) {
        tree.problem(
            ep, TreeReader.dotted(ep) + " is an empty group, which adds nothing; remove it");
      } else if (e.isArray()) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < e.size(); j++) {
          List<String> xp = path(ep, TomlPositions.element(j));
          if (e.get(j).isTextual()) {
            tree.expand(xp, e.get(j).textValue()).ifPresent(parts::add);
          } else {
            tree.problem(
                xp,
                TreeReader.dotted(xp)
                    + " must be a string (groups do not nest), found "
                    + TreeReader.typeName(e.get(j)));
          }
        }
        out.add(ArgvElement.group(parts, tree.at(ep)));
      } else {
        tree.problem(
            ep,
            TreeReader.dotted(ep) + " must be " + expected + ", found " + TreeReader.typeName(e));
      }
    }
    return out;
  }

  private ParameterDefinition parameter(String name, ObjectNode node, List<String> p) {
    tree.checkKeys(node, p, PARAMETER_KEYS);
    String typeName = tree.string(node, p, "type").orElse("string");
    Optional<ParameterType> type = ParameterType.fromJsonName(typeName);
    if (type.isEmpty()) {
      tree.problem(
          path(p, "type"),
          "unknown parameter type "
              + Echo.quoted(typeName)
              + Suggestions.didYouMean(typeName, ParameterType.jsonNames())
              + " (expected one of: "
              + String.join(", ", ParameterType.jsonNames())
              + ")");
    }
    ParameterType t = type.orElse(ParameterType.STRING);
    boolean secret = tree.bool(node, p, "secret").orElse(false);
    Optional<JsonNode> def =
        Optional.ofNullable(node.get("default")).map(v -> expandStrings(v, path(p, "default")));
    def.ifPresent(
        v -> {
          if (!t.matches(v)) {
            tree.problem(
                path(p, "default"),
                "the default of parameter "
                    + Echo.quoted(name)
                    + " must be of type "
                    + t.jsonName()
                    + ", found "
                    + TreeReader.typeName(v));
          }
        });
    List<JsonNode> allowed = new ArrayList<>();
    JsonNode en = node.get("enum");
    if (en != null) {
      if (!en.isArray() || en.isEmpty()) {
        tree.problem(
            path(p, "enum"), "enum must be a non-empty array of " + t.jsonName() + " values");
      } else {
        for (int i = 0; i < en.size(); i++) {
          JsonNode v = expandStrings(en.get(i), path(p, "enum", TomlPositions.element(i)));
          if (!t.matches(v)) {
            tree.problem(
                path(p, "enum", TomlPositions.element(i)),
                "enum values of parameter "
                    + Echo.quoted(name)
                    + " must be of type "
                    + t.jsonName()
                    + ", found "
                    + TreeReader.typeName(v));
          }
          allowed.add(v);
        }
        def.ifPresent(
            v -> {
              if (t.matches(v) && !allowed.contains(v)) {
                tree.problem(
                    path(p, "default"),
                    "the default of parameter "
                        + Echo.quoted(name)
                        + " is not one of its enum values");
              }
            });
      }
    }
    return new ParameterDefinition(
        name,
        t,
        tree.string(node, p, "description").orElse(""),
        tree.bool(node, p, "required").orElse(false),
        def,
        allowed,
        secret,
        tree.bool(node, p, "allow_leading_dash").orElse(false),
        tree.at(p));
  }

  private JsonNode expandStrings(JsonNode v, List<String> p) {
    if (v.isTextual()) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(
          tree.expand(p, v.textValue()).orElse(v.textValue()));
    }
    return v;
  }
}
