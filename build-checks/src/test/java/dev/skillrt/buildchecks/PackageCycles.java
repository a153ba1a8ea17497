package dev.skillrt.buildchecks;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package dependencies of compiled classes, read from each class file's constant pool (the
 * class names and descriptors it mentions), and the cycles among them.
 *
 * <p>A package's {@code internal} package counts as part of it (it is its implementation), and a
 * backend ({@code dev.skillrt.runtime.NAME} with its sub-packages) counts as one unit: what must
 * not form a cycle are the layers, such as {@code api}, {@code spi}, the manifest, the engine and
 * each backend.
 */
final class PackageCycles {

  private static final Pattern CLASS_NAME = Pattern.compile("(dev/skillrt/[A-Za-z0-9_/$]+)");

  /** A dependency of one package on another, with one class that makes it. */
  record Edge(String from, String to, String because) {}

  private PackageCycles() {}

  /**
   * For each package under {@code dev.skillrt}, the packages it uses, each with an example class.
   */
  static Map<String, Map<String, String>> graph(List<Path> classFolders) throws IOException {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    for (Path folder : classFolders) {
      List<Path> classes;
      try (Stream<Path> s = Files.walk(folder)) {
        classes = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
      }
      for (Path file : classes) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        name = name.substring(0, name.length() - ".class".length());
        String from = packageOf(name);
        Map<String, String> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
        try (InputStream in = Files.newInputStream(file)) {
          for (String text : utf8Constants(in)) {
            Matcher m = CLASS_NAME.matcher(text);
            while (m.find()) {
              String to = packageOf(m.group(1));
              if (!to.equals(from)) {
                uses.putIfAbsent(to, name.replace('/', '.'));
              }
            }
          }
        }
      }
    }
    return graph;
  }

  /**
   * Every cycle (a strongly connected set of more than one package), each as the edges inside it.
   */
  static List<List<Edge>> cycles(Map<String, Map<String, String>> graph) {
    List<Set<String>> components = new Tarjan(graph).run();
    List<List<Edge>> out = new ArrayList<>();
    for (Set<String> c : components) {
      if (c.size() < 2) {
        continue;
      }
      List<Edge> edges = new ArrayList<>();
      for (String from : c) {
        graph
            .getOrDefault(from, Map.of())
            .forEach(
                (to, because) -> {
                  if (c.contains(to)) {
                    edges.add(new Edge(from, to, because));
                  }
                });
      }
      out.add(edges);
    }
    return out;
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return unit(internalName.substring(0, slash).replace('/', '.'));
  }

  /** The unit a package belongs to (see the class comment). */
  static String unit(String pkg) {
    if (pkg.startsWith("dev.skillrt.runtime.")) {
      String[] parts = pkg.split("\\.");
      return parts.length > 4 ? String.join(".", List.of(parts).subList(0, 4)) : pkg;
    }
    return pkg.endsWith(".internal") ? pkg.substring(0, pkg.length() - ".internal".length()) : pkg;
  }

  /** The text constants of a class file's constant pool. */
  static List<String> utf8Constants(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    List<String> out = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> out.add(in.readUTF());
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return out;
  }

  /** Tarjan's strongly connected components, iteration order fixed by the sorted graph. */
  private static final class Tarjan {
    private final Map<String, Map<String, String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> components = new ArrayList<>();
    private int next;

    Tarjan(Map<String, Map<String, String>> graph) {
      this.graph = graph;
    }

    List<Set<String>> run() {
      for (String v : graph.keySet()) {
        if (!index.containsKey(v)) {
          visit(v);
        }
      }
      return components;
    }

    private void visit(String v) {
      index.put(v, next);
      low.put(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        components.add(component);
      }
    }
  }
}
