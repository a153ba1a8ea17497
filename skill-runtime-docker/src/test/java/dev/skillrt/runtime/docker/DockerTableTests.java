package dev.skillrt.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import dev.skillrt.api.ExecutionRequest;
import dev.skillrt.api.Mount;
import dev.skillrt.api.Problem;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ValidationReport;
import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.ManifestLoader;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.runtime.docker.internal.DockerSettings;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code [skills.NAME.docker]} table as the docker runtime's provider reads it from a real
 * manifest: every key, what it adds to the shared settings, and located problems.
 */
class DockerTableTests {

  @TempDir Path dir;

  private static final Map<String, String> ENV =
      Map.of("WORK_DIR", "/srv/work", "PATH", "/usr/bin:/bin");

  private ManifestLoader loader() {
    return ManifestLoader.builder()
        .environment(ENV)
        .workingDirectory(dir)
        .registry(SkillRuntimeRegistry.of(List.of(new DockerSkillRuntimeProvider())))
        .build();
  }

  private Manifest load(String toml) {
    return loader().parse(toml, "test.toml", dir.resolve("test.toml"));
  }

  private List<Problem> problemsOf(String toml) {
    try {
      load(toml);
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected the manifest to be rejected:\n" + toml);
  }

  private static final String CONVERTER =
      """
      [defaults.limits]
      memory = "256m"
      cpus = 1.0

      [skills.converter]
      source = "docker:busybox:latest"
      runtime = "docker"

      [skills.converter.docker]
      image = "busybox:latest"
      entrypoint = ["/bin/sh", "-c"]
      command = ["exec \\"$0\\" \\"$@\\"", "cat"]
      volumes = ["${WORK_DIR:-/tmp}:/workdir", "./data:/data:ro"]
      working_dir = "/workdir"
      environment = ["MODE=convert", "LEVEL=${LEVEL:-3}"]
      memory = "512m"
      cpus = "2.0"
      network = "bridge"
      rm = true
      user = "65534:65534"
      gpus = "all"
      read_only = true
      platform = "linux/amd64"
      extra_args = ["--cap-drop=ALL"]
      """;

  @Test
  void readsEveryDockerKey() {
    SkillDefinition s = load(CONVERTER).skill("converter");
    DockerSettings d = (DockerSettings) s.settings().orElseThrow();
    assertThat(d.image()).contains("busybox:latest");
    assertThat(d.entrypoint()).containsExactly("/bin/sh", "-c");
    assertThat(d.command()).containsExactly("exec \"$0\" \"$@\"", "cat");
    assertThat(d.volumes())
        .containsExactly(
            new Mount(Path.of("/srv/work"), "/workdir", false),
            new Mount(dir.resolve("data"), "/data", true));
    assertThat(d.workingDir()).contains("/workdir");
    assertThat(d.environment()).containsEntry("MODE", "convert").containsEntry("LEVEL", "3");
    assertThat(d.memory()).contains(DataSize.ofMebibytes(512));
    assertThat(d.cpus()).hasValue(2.0);
    assertThat(d.networkName()).contains("bridge");
    assertThat(d.remove()).isTrue();
    assertThat(d.user()).contains("65534:65534");
    assertThat(d.gpus()).contains("all");
    assertThat(d.readOnly()).isTrue();
    assertThat(d.platform()).contains("linux/amd64");
    assertThat(d.extraArgs()).containsExactly("--cap-drop=ALL");
    // docker memory/cpus tighten the limits; the tighter value wins
    assertThat(s.limits().memory()).contains(DataSize.ofMebibytes(256));
    assertThat(s.limits().cpus()).hasValue(1.0);
  }

  @Test
  void theTableShapesTheRequest() {
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(load(CONVERTER))
            .registry(SkillRuntimeRegistry.of(List.of(new DockerSkillRuntimeProvider())))
            .build()) {
      ExecutionRequest r =
          engine.plan(
              "converter",
              "x.txt",
              JsonNodeFactory.instance.objectNode(),
              ExecuteOptions.defaults());
      ContainerSpec spec = r.spec(ContainerSpec.class);
      assertThat(spec.image()).isEqualTo("busybox:latest");
      assertThat(spec.command()).containsExactly("exec \"$0\" \"$@\"", "cat", "x.txt");
      assertThat(spec.network()).contains("bridge");
      assertThat(r.networkAllowed()).isTrue();
      assertThat(r.mounts())
          .containsExactly(
              new Mount(Path.of("/srv/work"), "/workdir", false),
              new Mount(dir.resolve("data"), "/data", true));
      assertThat(r.environment()).containsEntry("MODE", "convert");
      assertThat(r.workingDirectory()).contains("/workdir");
    }
  }

  @Test
  void aDockerSourceAloneNamesTheImage() {
    SkillDefinition s =
        load("[skills.py]\nsource = \"docker:python:3.12-slim\"\nruntime = \"docker\"\n")
            .skill("py");
    assertThat(((DockerSettings) s.settings().orElseThrow()).image()).contains("python:3.12-slim");
  }

  @Test
  void aDockerSkillWithoutAnImageCannotRunAndSaysWhere() {
    Manifest m = load("[skills.py]\nsource = \"./py\"\nruntime = \"docker\"\n");
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(m)
            .registry(SkillRuntimeRegistry.of(List.of(new DockerSkillRuntimeProvider())))
            .build()) {
      assertThatThrownBy(
              () ->
                  engine.plan(
                      "py", "x", JsonNodeFactory.instance.objectNode(), ExecuteOptions.defaults()))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("test.toml:1:1")
          .hasMessageContaining("runs on the docker runtime but says nothing it can run")
          .hasMessageContaining("[skills.py.docker]");
      assertThat(engine.validate().errors())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("says nothing it can run"));
    }
  }

  @Test
  void everyProblemOfTheTableIsLocated() {
    List<Problem> problems =
        problemsOf(
            """
            [skills.c]
            source = "./c"
            runtime = "docker"
            [skills.c.docker]
            imgae = "busybox"
            memory = "lots"
            cpus = "-1"
            environment = ["OK=1", "=bad"]
            volumes = ["./x:relative"]
            rm = "yes"
            """);
    assertThat(problems)
        .extracting(Problem::toString)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:4:1:")
                    .contains("missing key \"image\" in [skills.c.docker]"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:5:1:")
                    .contains("unknown key \"imgae\"")
                    .contains("did you mean \"image\"?"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:6:1:")
                    .contains("skills.c.docker.memory must be a positive size")
                    .contains("\"lots\""))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:7:1:")
                    .contains("skills.c.docker.cpus must be a positive number")
                    .contains("\"-1\""))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:8:")
                    .contains("environment entries are \"NAME=VALUE\""))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:9:")
                    .contains("guest path")
                    .contains("must be absolute"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("test.toml:10:1:")
                    .contains("skills.c.docker.rm must be a boolean"));
    assertThat(problems).hasSize(7);
  }

  @Test
  void aDockerTableOnAnotherRuntimesSkillIsAnError() {
    List<Problem> problems =
        problemsOf(
            "[skills.a]\nsource = \"./a\"\nruntime = \"native\"\n[skills.a.docker]\nimage = \"x\"\n");
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(4);
              assertThat(p.message())
                  .contains("applies to the docker runtime")
                  .contains("\"native\"");
            });
  }

  @Test
  void withoutARuntimeTheOneInstalledRuntimesTableChoosesIt() {
    SkillDefinition s =
        load("[skills.py]\nsource = \"./py\"\n[skills.py.docker]\nimage = \"python:3.12-slim\"\n")
            .skill("py");
    assertThat(s.runtime()).isEqualTo(DockerSkillRuntimeProvider.ID);
    assertThat(s.available()).isTrue();
  }

  @Test
  void anInstanceCannotWidenADockerSkillsNetwork() throws Exception {
    Path manifest =
        Files.writeString(
            dir.resolve("net.toml"),
            """
            [skills.py]
            source = "docker:python:3.12-slim"
            runtime = "docker"
            [skills.py.docker]
            network = "none"
            [skills.py.instances.wide]
            capabilities.network_access = true
            """);
    try (SkillEngine engine =
        SkillEngine.builder()
            .manifest(manifest)
            .environment(ENV)
            .registry(SkillRuntimeRegistry.of(List.of(new DockerSkillRuntimeProvider())))
            .build()) {
      ValidationReport report = engine.validate();
      assertThat(report.errors()).isEmpty();
      assertThat(report.warnings())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(6);
                assertThat(p.message()).contains("instance \"wide\"").contains("stays off");
              });
      ExecutionRequest request =
          engine.plan("py", "-V", JsonNodeFactory.instance.objectNode(), ExecuteOptions.defaults());
      assertThat(request.networkAllowed()).isFalse();
      assertThat(request.spec(ContainerSpec.class).image()).isEqualTo("python:3.12-slim");
      assertThat(request.spec(ContainerSpec.class).network()).isEmpty();
    }
  }
}
