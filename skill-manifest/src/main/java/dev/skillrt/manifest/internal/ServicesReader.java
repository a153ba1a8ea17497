package dev.skillrt.manifest.internal;

import static dev.skillrt.manifest.internal.TreeReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillrt.manifest.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code [[skills.NAME.services]]} a skill declares. */
final class ServicesReader {

  static final List<String> SERVICE_KEYS =
      List.of("name", "description", "optional", "default_port");

  private final TreeReader tree;

  ServicesReader(TreeReader tree) {
    this.tree = tree;
  }

  /** The services of a skill's table; each problem is located at its element. */
  List<ServiceDefinition> services(ObjectNode skill, List<String> p) {
    JsonNode n = skill.get("services");
    if (n == null) {
      return List.of();
    }
    if (!n.isArray()) {
      tree.problem(
          p,
          TreeReader.dotted(p)
              + " must be an array of tables ([["
              + TreeReader.dotted(p)
              + "]]), found "
              + TreeReader.typeName(n));
      return List.of();
    }
    List<ServiceDefinition> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      List<String> e = path(p, TomlPositions.element(i));
      if (!n.get(i).isObject()) {
        tree.problem(
            e, TreeReader.dotted(e) + " must be a table, found " + TreeReader.typeName(n.get(i)));
        continue;
      }
      ObjectNode s = (ObjectNode) n.get(i);
      tree.checkKeys(s, e, SERVICE_KEYS);
      String name = tree.requiredString(s, path(e, "name"), "each service has a name");
      out.add(
          new ServiceDefinition(
              name,
              tree.string(s, e, "description").orElse(""),
              tree.bool(s, e, "optional").orElse(false),
              tree.integer(s, e, "default_port", 1, 65535),
              tree.at(e)));
    }
    return out;
  }
}
