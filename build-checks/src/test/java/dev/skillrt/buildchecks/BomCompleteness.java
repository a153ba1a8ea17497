package dev.skillrt.buildchecks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Compares the modules of a multi-module build with its BOM: every published module (one that does
 * not set the property {@code skillrt.published} to {@code false}) must be managed by the BOM at
 * the build's version, and the BOM manages nothing else.
 */
final class BomCompleteness {

  private BomCompleteness() {}

  /** Every problem found, one line each; empty when the BOM is complete. */
  static List<String> problems(Path root, String bomModule) throws Exception {
    Document rootPom = parse(root.resolve("pom.xml"));
    String version = childText(rootPom.getDocumentElement(), "version");
    Map<String, String> managed =
        managedArtifacts(parse(root.resolve(bomModule).resolve("pom.xml")));
    List<String> problems = new ArrayList<>();
    List<String> published = new ArrayList<>();
    for (String module : modules(rootPom)) {
      if (module.equals(bomModule)) {
        continue;
      }
      Path pom = root.resolve(module).resolve("pom.xml");
      if (!Files.exists(pom)) {
        problems.add("module " + module + " has no pom.xml");
        continue;
      }
      Element project = parse(pom).getDocumentElement();
      String artifactId = childText(project, "artifactId");
      Element props = child(project, "properties");
      String flag = props == null ? null : childText(props, "skillrt.published");
      if ("false".equals(flag)) {
        continue;
      }
      published.add(artifactId);
      String inBom = managed.get(artifactId);
      if (inBom == null) {
        problems.add(
            "published module "
                + artifactId
                + " is missing from "
                + bomModule
                + "/pom.xml: add it to its dependencyManagement (or set the property"
                + " skillrt.published=false in its pom if it is not published)");
      } else if (!inBom.equals(version)) {
        problems.add(
            bomModule + " manages " + artifactId + " at " + inBom + " but the build is " + version);
      }
    }
    for (String artifactId : managed.keySet()) {
      if (!published.contains(artifactId)) {
        problems.add(bomModule + " manages " + artifactId + ", which is not a published module");
      }
    }
    String bomVersion =
        childText(
            parse(root.resolve(bomModule).resolve("pom.xml")).getDocumentElement(), "version");
    if (!version.equals(bomVersion)) {
      problems.add(bomModule + " has version " + bomVersion + " but the build is " + version);
    }
    return problems;
  }

  private static List<String> modules(Document pom) {
    List<String> out = new ArrayList<>();
    Element modules = child(pom.getDocumentElement(), "modules");
    if (modules != null) {
      NodeList list = modules.getElementsByTagName("module");
      for (int i = 0; i < list.getLength(); i++) {
        out.add(list.item(i).getTextContent().trim());
      }
    }
    return out;
  }

  private static Map<String, String> managedArtifacts(Document bom) {
    Map<String, String> out = new LinkedHashMap<>();
    Element dm = child(bom.getDocumentElement(), "dependencyManagement");
    Element deps = dm == null ? null : child(dm, "dependencies");
    if (deps == null) {
      return out;
    }
    NodeList list = deps.getChildNodes();
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i) instanceof Element dep && dep.getTagName().equals("dependency")) {
        out.put(childText(dep, "artifactId"), childText(dep, "version"));
      }
    }
    return out;
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try {
      return f.newDocumentBuilder().parse(file.toFile());
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String childText(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
