package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.cli.Cli.Outcome;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin JAR} and {@code SKILL_PLUGINS} put a third-party runtime beside the shipped ones:
 * a real jar, compiled here from source, whose provider {@code ServiceLoader} finds.
 */
class PluginOptionTests {

  private static final String PROVIDER =
      String.join(
          "\n",
          "package example.plugin;",
          "public final class EchoProvider implements dev.skillrt.spi.SkillRuntimeProvider {",
          "  public String id() { return \"echo-plugin\"; }",
          "  public dev.skillrt.spi.Availability probe(dev.skillrt.spi.RuntimeConfig c) {",
          "    return dev.skillrt.spi.Availability.ok();",
          "  }",
          "  public dev.skillrt.spi.SkillRuntime create(dev.skillrt.spi.RuntimeConfig c) {",
          "    throw new UnsupportedOperationException(\"not for this test\");",
          "  }",
          "}");

  @TempDir static Path dir;
  private static Path jar;

  @BeforeAll
  static void buildThePlugin() throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/example/plugin"));
    Files.writeString(sources.resolve("EchoProvider.java"), PROVIDER);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            sources.resolve("EchoProvider.java").toString());
    assertThat(rc).as("javac of the plugin").isZero();
    jar = dir.resolve("echo-plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(
          out,
          "example/plugin/EchoProvider.class",
          Files.readAllBytes(classes.resolve("example/plugin/EchoProvider.class")));
      add(
          out,
          "META-INF/services/dev.skillrt.spi.SkillRuntimeProvider",
          "example.plugin.EchoProvider\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aSkillRoutedToAPluginRuntimeIsUnknownWithoutThePluginAndKnownWithIt() throws IOException {
    Path manifest = manifest();

    Outcome without = Cli.run("--manifest", manifest.toString(), "validate");
    Outcome with =
        Cli.run("--plugin", jar.toString(), "--manifest", manifest.toString(), "validate");
    Map<String, String> env = Cli.environment();
    env.put("SKILL_PLUGINS", File.pathSeparator + jar + File.pathSeparator);
    Outcome fromVariable = Cli.run(env, dir, "", "--manifest", manifest.toString(), "validate");

    assertThat(without.err()).as(without.toString()).contains("echo-plugin");
    assertThat(with.err()).as(with.toString()).doesNotContain("unknown runtime");
    assertThat(fromVariable.err()).as(fromVariable.toString()).doesNotContain("unknown runtime");
  }

  @Test
  void aMissingPluginIsAUsageErrorNamingItsSource() {
    Outcome option = Cli.run("--plugin", "no-such.jar", "list");
    Map<String, String> env = Cli.environment();
    env.put("SKILL_PLUGINS", "/no/such/plugin.jar");
    Outcome variable = Cli.run(env, dir, "", "list");

    assertThat(option.code()).as(option.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err()).startsWith("skill: --plugin no-such.jar: no such file (");
    assertThat(variable.code()).as(variable.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(variable.err())
        .startsWith(
            "skill: SKILL_PLUGINS entry /no/such/plugin.jar: no such file (/no/such/plugin.jar)");
  }

  @Test
  void aFileThatIsNotAJarIsRefused() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a jar");

    Outcome r = Cli.run("--plugin", text.toString(), "list");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not a jar").contains("give a .jar file or a folder of classes");
  }

  private static Path manifest() throws IOException {
    Path file = dir.resolve("plugin.toml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "[skills.hello]",
            "source = \"./hello\"",
            "runtime = \"echo-plugin\"",
            "description = \"says hello\"",
            "",
            "[skills.hello.tools.say]",
            "description = \"says it\"",
            ""));
    return file;
  }

  private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    ((OutputStream) out).write(bytes);
    out.closeEntry();
  }
}
