package dev.skillrt.buildchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BomCompletenessTests {

  private static final Path ROOT = Path.of(System.getProperty("skillrt.root", ".."));

  @Test
  void everyPublishedModuleOfThisBuildIsInTheBom() throws Exception {
    assertThat(BomCompleteness.problems(ROOT, "skill-bom")).isEmpty();
  }

  @Test
  void aModuleLeftOutOfTheBomIsReported(@TempDir Path dir) throws Exception {
    write(
        dir.resolve("pom.xml"),
        project(
            "parent",
            "<modules><module>bom</module>"
                + "<module>a</module><module>b</module><module>tools</module></modules>"));
    write(
        dir.resolve("bom/pom.xml"),
        project(
            "bom",
            "<dependencyManagement><dependencies>"
                + dep("a")
                + "</dependencies></dependencyManagement>"));
    write(dir.resolve("a/pom.xml"), project("a", ""));
    write(dir.resolve("b/pom.xml"), project("b", ""));
    write(
        dir.resolve("tools/pom.xml"),
        project("tools", "<properties><skillrt.published>false</skillrt.published></properties>"));

    List<String> problems = BomCompleteness.problems(dir, "bom");

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("published module b is missing from bom/pom.xml");
  }

  @Test
  void aStaleEntryAndAWrongVersionAreReported(@TempDir Path dir) throws Exception {
    write(
        dir.resolve("pom.xml"),
        project("parent", "<modules><module>bom</module>" + "<module>a</module></modules>"));
    write(
        dir.resolve("bom/pom.xml"),
        project(
            "bom",
            "<dependencyManagement><dependencies>"
                + dep("a").replace("1.0", "0.9")
                + dep("gone")
                + "</dependencies></dependencyManagement>"));
    write(dir.resolve("a/pom.xml"), project("a", ""));

    assertThat(BomCompleteness.problems(dir, "bom"))
        .anySatisfy(p -> assertThat(p).contains("manages a at 0.9 but the build is 1.0"))
        .anySatisfy(p -> assertThat(p).contains("manages gone, which is not a published module"));
  }

  private static String project(String artifactId, String body) {
    return "<project><groupId>g</groupId><artifactId>"
        + artifactId
        + "</artifactId><version>1.0</version>"
        + body
        + "</project>";
  }

  private static String dep(String artifactId) {
    return "<dependency><groupId>g</groupId><artifactId>"
        + artifactId
        + "</artifactId><version>1.0</version></dependency>";
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
