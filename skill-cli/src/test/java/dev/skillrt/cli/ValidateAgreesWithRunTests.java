package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.ExecutionResult;
import dev.skillrt.api.ExecutionStatus;
import dev.skillrt.api.Problem;
import dev.skillrt.api.Violation;
import dev.skillrt.engine.ExecuteOptions;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ValidationReport;
import dev.skillrt.runtime.docker.DockerSkillRuntimeProvider;
import dev.skillrt.runtime.nativeproc.NativeSkillRuntimeProvider;
import dev.skillrt.runtime.wasm.WasmSkillRuntimeProvider;
import dev.skillrt.spi.RuntimeConfig;
import dev.skillrt.spi.SkillRuntimeRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skill validate} agrees with {@code skill run}: over a few hundred small manifests drawn by
 * a seeded generator (native and WASM skills, and Docker skills when an engine answers; real TOML
 * files, real modules, programs and containers), whatever a call is denied or refused for a reason
 * fixed in the manifest, validation already reported as an error. (Facts that can change between
 * the two, such as a missing host folder, are left out of the generator.)
 */
class ValidateAgreesWithRunTests {

  private static final long SEED = 20_260_127L;
  private static final int CASES = 300;

  @TempDir Path dir;
  private @Nullable Path grant; // made by fixtures()

  private void fixtures() throws Exception {
    grant = Files.createDirectories(dir.resolve("granted"));
    for (int pages : new int[] {1, 20, 300}) {
      Files.write(dir.resolve("mem" + pages + ".wasm"), module(pages));
    }
  }

  @Test
  void whatRunDeniesValidateReported() throws Exception {
    fixtures();
    Random random = new Random(SEED);
    DockerSkillRuntimeProvider docker = new DockerSkillRuntimeProvider();
    boolean withDocker = docker.probe(RuntimeConfig.empty()).isAvailable();
    if (!withDocker) {
      System.err.println(
          "\n*** validate-agrees-with-run: no Docker engine, so native and WASM skills only ***\n");
    }
    SkillRuntimeRegistry registry =
        SkillRuntimeRegistry.of(
            List.of(new NativeSkillRuntimeProvider(), new WasmSkillRuntimeProvider(), docker));
    int denied = 0;
    for (int i = 0; i < CASES; i++) {
      String toml = manifest(random, withDocker);
      Path file = Files.writeString(dir.resolve("case" + i + ".toml"), toml);
      try (SkillEngine engine =
          SkillEngine.builder()
              .manifest(file)
              .registry(registry)
              .environment(Map.of("PATH", "/usr/bin:/bin"))
              .workingDirectory(dir)
              .build()) {
        ValidationReport report = engine.validate();
        String reported =
            report.errors().stream().map(Problem::message).collect(Collectors.joining("\n"));
        List<String> refusals = new ArrayList<>();
        try {
          ExecutionResult r = engine.execute("s", "run", Map.of(), ExecuteOptions.defaults());
          if (r.status() == ExecutionStatus.DENIED) {
            for (Violation v : r.violations()) {
              if (v.isError()) {
                refusals.add(v.ruleId());
              }
            }
          }
        } catch (ConfigurationException e) {
          refusals.add("configuration: " + e.getMessage());
        }
        if (!refusals.isEmpty()) {
          denied++;
          assertThat(report.errors())
              .as("case %d: run refused %s, validate must have said so\n%s", i, refusals, toml)
              .isNotEmpty();
          for (String rule : refusals) {
            if (!rule.startsWith("configuration: ")) {
              assertThat(reported)
                  .as("case %d: run denied [%s]; validate said:\n%s\n%s", i, rule, reported, toml)
                  .contains("[" + rule + "]");
            }
          }
        }
      }
    }
    // the generator must reach both sides of the property
    assertThat(denied).isBetween(CASES / 10, CASES - CASES / 10);
  }

  private String manifest(Random random, boolean withDocker) {
    StringBuilder t = new StringBuilder("[skills.s]\nsource = \"./s\"\n");
    if (withDocker && random.nextInt(4) == 0) {
      return dockerManifest(random, t);
    }
    boolean wasm = random.nextBoolean();
    if (wasm) {
      t.append("runtime = \"wasm\"\n");
    } else {
      t.append("runtime = \"native\"\n");
    }
    StringBuilder limits = new StringBuilder();
    if (random.nextInt(3) == 0) {
      limits.append("cpus = ").append(pick(random, "0.5", "1", "2")).append('\n');
    }
    if (random.nextInt(2) == 0) {
      limits.append("memory = \"").append(pick(random, "1m", "2m", "64m", "256m")).append("\"\n");
    }
    if (random.nextInt(3) == 0) {
      limits.append("pids = ").append(pick(random, "1", "64")).append('\n');
    }
    limits.append("timeout = \"20s\"\n");
    t.append("[skills.s.limits]\n").append(limits);
    if (random.nextInt(3) == 0) {
      t.append("[skills.s.instances.default]\n");
      t.append("capabilities.network_access = ").append(random.nextBoolean()).append('\n');
      if (random.nextBoolean()) {
        t.append("capabilities.allowed_paths = [\"")
            .append(
                pick(
                    random, grant + ":/data:ro", grant + ":/data:rw", "/etc:/etc:ro", "/:/host:ro"))
            .append("\"]\n");
      }
    }
    if (wasm) {
      t.append("[skills.s.wasm]\n");
      String module =
          pick(random, "mem1.wasm", "mem20.wasm", "mem300.wasm", "mem1.wasm", "missing.wasm");
      // the module is the source, which the loader does not check (a missing one among them)
      int at = t.indexOf("source = \"./s\"");
      t.replace(at, at + "source = \"./s\"".length(), "source = \"./" + module + "\"");
      t.append("mode = \"").append(pick(random, "compiled", "interpreted")).append("\"\n");
    } else {
      t.append("[skills.s.native]\n");
      t.append("command = \"").append(pick(random, "echo", "/bin/echo", "true")).append("\"\n");
      t.append("sandbox = \"").append(pick(random, "none", "auto")).append("\"\n");
    }
    return t.toString();
  }

  private String dockerManifest(Random random, StringBuilder t) {
    t.append("runtime = \"docker\"\n");
    t.append("[skills.s.limits]\ntimeout = \"30s\"\n");
    if (random.nextBoolean()) {
      t.append("memory = \"").append(pick(random, "64m", "256m")).append("\"\n");
    }
    if (random.nextInt(3) == 0) {
      t.append("pids = ").append(pick(random, "16", "64")).append('\n');
    }
    if (random.nextInt(3) == 0) {
      t.append("[skills.s.instances.default]\ncapabilities.allowed_paths = [\"")
          .append(
              pick(random, grant + ":/data:ro", "/etc:/etc:ro", "/:/host:ro", "/var/run:/run:ro"))
          .append("\"]\n");
    }
    t.append("[skills.s.docker]\nimage = \"skillrt/busybox:test\"\nentrypoint = \"echo\"\n");
    if (random.nextBoolean()) {
      t.append("cpus = \"").append(pick(random, "0.5", "1")).append("\"\n");
    }
    if (random.nextInt(3) == 0) {
      t.append("user = \"").append(pick(random, "65534:65534", "0:0", "root")).append("\"\n");
    }
    if (random.nextInt(3) == 0) {
      t.append("network = \"").append(pick(random, "none", "host")).append("\"\n");
    }
    if (random.nextBoolean()) {
      t.append("extra_args = [\"")
          .append(
              pick(
                  random,
                  "--cap-drop=ALL",
                  "--privileged",
                  "--pid=host",
                  "--security-opt=no-new-privileges",
                  "--device=/dev/mem"))
          .append("\"]\n");
    }
    return t.toString();
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** A WASI command module that does nothing, declaring {@code pages} pages of memory at least. */
  static byte[] module(int pages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    out.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00}); // type: () -> ()
    out.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00}); // function 0 has type 0
    byte[] min = leb128(pages);
    out.write(0x05);
    out.write(2 + min.length);
    out.write(0x01);
    out.write(0x00);
    out.writeBytes(min);
    byte[] start = "_start".getBytes(StandardCharsets.US_ASCII);
    byte[] memory = "memory".getBytes(StandardCharsets.US_ASCII);
    out.write(0x07);
    out.write(1 + (1 + start.length + 2) + (1 + memory.length + 2));
    out.write(0x02);
    out.write(start.length);
    out.writeBytes(start);
    out.writeBytes(new byte[] {0x00, 0x00});
    out.write(memory.length);
    out.writeBytes(memory);
    out.writeBytes(new byte[] {0x02, 0x00});
    out.writeBytes(new byte[] {0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b}); // code: an empty body
    return out.toByteArray();
  }

  private static byte[] leb128(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
    return out.toByteArray();
  }
}
