package dev.skillrt.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No two packages of the project's compiled classes depend on each other, directly or around. */
class PackageCyclesTests {

  private static final Path ROOT = Path.of(System.getProperty("skillrt.root", ".."));

  @Test
  void theCompiledPackagesHaveNoCycle() throws Exception {
    List<Path> folders = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.sorted().toList()) {
        Path classes = module.resolve("target/classes/dev/skillrt");
        if (Files.isDirectory(classes)) {
          folders.add(module.resolve("target/classes"));
        }
      }
    }
    assertThat(folders)
        .as("the modules' compiled classes (run this in the reactor build, after the modules)")
        .anySatisfy(f -> assertThat(f.toString()).contains("skill-api"))
        .anySatisfy(f -> assertThat(f.toString()).contains("skill-manifest"));
    Map<String, Map<String, String>> graph = PackageCycles.graph(folders);
    assertThat(graph).containsKeys("dev.skillrt.api", "dev.skillrt.spi", "dev.skillrt.engine");
    assertThat(PackageCycles.cycles(graph))
        .as("package cycles (each edge with a class that makes it)")
        .isEmpty();
  }

  @Test
  void aCycleIsFoundAndShown() {
    Map<String, Map<String, String>> graph =
        Map.of(
            "a", Map.of("b", "a.A"),
            "b", Map.of("c", "b.B"),
            "c", Map.of("a", "c.C"),
            "d", Map.of("a", "d.D"));
    assertThat(PackageCycles.cycles(new java.util.TreeMap<>(graph)))
        .singleElement()
        .satisfies(
            edges ->
                assertThat(edges)
                    .extracting(PackageCycles.Edge::because)
                    .containsExactlyInAnyOrder("a.A", "b.B", "c.C"));
  }
}
