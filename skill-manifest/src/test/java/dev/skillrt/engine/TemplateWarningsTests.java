package dev.skillrt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.Problem;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.RecordingRuntimeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code skill validate} says about argv templates: a literal flag followed by an optional
 * value it is not tied to, a secret parameter on a command line, and an {@code allow_leading_dash}
 * that can have no effect (but not a placeholder that could start an option: a call is refused when
 * it would). The templates are the common upstream patterns (from the upstream tool catalogues)
 * written as {@code args}.
 */
class TemplateWarningsTests {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # runtime | args                                        | parameters (TOML inline tables, ; between)                                                      | warning, or none
          native    | ["kubectl", "get", "{{resource}}"]          | resource = {required = true}; namespace = {}                                         | none
          native    | ["kubectl", "apply", "-f", "{{file}}"]      | file = {required = true}                                                             | none
          native    | ["usermod", "-aG", "{{group}}", "{{user}}"] | group = {required = true}; user = {required = true}                                  | none
          native    | ["ping", "-c", "{{count}}", "{{host}}"]     | host = {required = true}; count = {type = "integer", default = 4}                    | none
          native    | ["ping", "-c", "{{count}}", "{{host}}"]     | host = {required = true}; count = {type = "integer"}                                 | args[2] {{count}} follows the flag "-c" but is optional without a default
          native    | ["push", "--dry-run", "{{remote}}"]         | remote = {}                                                                          | args[2] {{remote}} follows the flag "--dry-run" but is optional without a default, so a call without remote is refused
          native    | ["push", ["--remote", "{{remote}}"]]        | remote = {}                                                                          | none
          native    | ["push", "--dry-run", ["{{remote}}"]]       | remote = {}                                                                          | none
          native    | ["log", "--since={{since}}"]                | since = {}                                                                           | none
          native    | ["login", "--password", "{{password}}"]     | password = {required = true, secret = true}                                          | args put the secret parameter "password" on the command line, which every local user can read
          docker    | ["login", "--token={{token}}"]              | token = {required = true, secret = true}                                             | args put the secret parameter "token" on the command line
          wasm      | ["login", "{{token}}"]                      | token = {required = true, secret = true}                                             | none
          native    | ["login", "{{user}}"]                       | user = {required = true}; token = {required = true, secret = true}                   | none
          native    | ["sort", "{{file}}"]                        | file = {required = true}                                                             | none
          native    | ["expr", "{{a}}", "+", "1"]                 | a = {type = "integer", required = true, allow_leading_dash = true}                   | none
          native    | ["head", ["-n", "{{n}}"]]                   | n = {type = "integer", allow_leading_dash = true}                                    | parameter "n" sets allow_leading_dash, which has no effect: args never puts it where a value is checked
          native    | ["rm", "--", "{{path}}"]                    | path = {required = true, allow_leading_dash = true}                                  | parameter "path" sets allow_leading_dash, which has no effect: args never puts it where a value is checked
          native    | ["run", "{{on}}"]                           | on = {type = "boolean", required = true, allow_leading_dash = true}                  | parameter "on" sets allow_leading_dash, which has no effect: an argument made of a boolean value never starts with "-"
          native    | ["sort", "{{mode}}"]                        | mode = {enum = ["-r", "-n"], allow_leading_dash = true}                              | parameter "mode" sets allow_leading_dash, which has no effect: its values are those of its enum
          wasm      | []                                          | text = {allow_leading_dash = true}                                                   | parameter "text" sets allow_leading_dash, which has no effect: args never puts it where a value is checked
          """)
  void validateWarnsAboutAmbiguousTemplatesAndSecretsOnTheCommandLine(
      String runtime, String args, String parameters, String warning) throws Exception {
    String table =
        switch (runtime) {
          case "native" -> "[skills.s.native]\ncommand = \"echo\"\n";
          case "docker" -> "[skills.s.docker]\nimage = \"busybox\"\n";
          default -> "[skills.s.wasm]\nmodule = \"x.wasm\"\n";
        };
    Files.write(dir.resolve("x.wasm"), new byte[0]);
    Path manifest =
        Files.writeString(
            dir.resolve("m.toml"),
            "[skills.s]\nsource = \"./s\"\nruntime = \""
                + runtime
                + "\"\n"
                + table
                + "[skills.s.tools.t]\nargs = "
                + args
                + "\n"
                + "[skills.s.tools.t.parameters]\n"
                + parameters.replace("; ", "\n")
                + "\n");
    RecordingRuntimeProvider provider = new RecordingRuntimeProvider(runtime);
    // a module's arguments stay inside the JVM
    provider.argumentsVisibleOnHost = !runtime.equals("wasm");
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(manifest)
            .environment(SkillEngineTests.env())
            .registry(SkillRuntimeRegistry.of(List.of(provider)))
            .build()) {
      ValidationReport report = engine.validate();
      assertThat(report.errors()).isEmpty();
      List<Problem> warnings = report.warnings();
      if (warning.equals("none")) {
        assertThat(warnings).isEmpty();
      } else {
        assertThat(warnings)
            .singleElement()
            .satisfies(
                p -> {
                  boolean aboutAParameter = warning.startsWith("parameter ");
                  assertThat(p.line())
                      .as("located at the " + (aboutAParameter ? "parameter" : "args element"))
                      .isEqualTo(aboutAParameter ? 9 : 7);
                  assertThat(p.message()).startsWith("skill \"s\" tool \"t\": " + warning);
                });
      }
    }
  }
}
