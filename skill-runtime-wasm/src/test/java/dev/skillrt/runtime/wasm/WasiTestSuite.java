package dev.skillrt.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The {@code wasm32-wasip1} programs of the official WASI test suite, read from {@code
 * ../shared/compat/wasi-testsuite} (never copied into the project), and the suite's own way of
 * judging a run: exactly the given args and env, the {@code root} folder preopened as {@code /}
 * from a fresh copy, the expected exit code (default 0), stdout starting with the expected text.
 */
final class WasiTestSuite {

  /** Programs in the suite's {@code wasm32-wasip1} folders. */
  static final int PROGRAMS = 72;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One program and what its JSON file asks for.
   *
   * @param name {@code language/program}, e.g. {@code rust/path_rename}
   */
  record Program(
      String name,
      Path wasm,
      List<String> args,
      Map<String, String> env,
      Optional<Path> root,
      int exitCode,
      Optional<String> stdout) {

    /** A fresh copy of the program's root folder inside {@code into}, or empty when it has none. */
    Optional<Path> freshRoot(Path into) {
      return root.map(
          r -> {
            Path copy = into.resolve(r.getFileName().toString());
            copyTree(r, copy);
            return copy;
          });
    }

    /** Why a run with this exit code and stdout fails the program, or empty when it passes. */
    Optional<String> judge(OptionalInt exit, String out) {
      if (exit.isEmpty() || exit.getAsInt() != exitCode) {
        return Optional.of(
            "expected exit code "
                + exitCode
                + ", got "
                + (exit.isPresent() ? exit.getAsInt() : "none"));
      }
      if (stdout.isPresent() && !out.startsWith(stdout.get())) {
        return Optional.of(
            "expected stdout to start with '" + stdout.get() + "', got '" + out + "'");
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private WasiTestSuite() {}

  /**
   * The suite's folder: skips the calling test with a note when it is absent, and fails it when
   * {@code CI=true}.
   */
  static Path folder() {
    Path dir =
        Path.of(System.getProperty("skillrt.compat.wasi", "../../shared/compat/wasi-testsuite"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(dir.resolve("tests"))) {
      String note =
          "the WASI test suite is not at "
              + dir
              + " (CI has it beside the clone at ../shared/compat/wasi-testsuite)";
      if ("true".equals(System.getenv("CI"))) {
        fail(note);
      }
      System.err.println("\n*** SKIPPED: " + note + " ***\n");
      assumeTrue(false, note);
    }
    return dir;
  }

  /** Every program, sorted by name. */
  static List<Program> programs() {
    Path tests = folder().resolve("tests");
    List<Program> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tests)) {
      for (Path wasm : files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
        if (Objects.requireNonNull(wasm.getParent())
            .getFileName()
            .toString()
            .equals("wasm32-wasip1")) {
          out.add(read(tests, wasm));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    assertThat(out).as("programs under " + tests).hasSize(PROGRAMS);
    return out;
  }

  private static Program read(Path tests, Path wasm) throws IOException {
    String program = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
    String language = tests.relativize(wasm).getName(0).toString();
    Path json = wasm.resolveSibling(program + ".json");
    JsonNode spec = Files.exists(json) ? JSON.readTree(json.toFile()) : JSON.createObjectNode();
    List<String> args = new ArrayList<>();
    spec.path("args").forEach(a -> args.add(a.asText()));
    Map<String, String> env = new LinkedHashMap<>();
    spec.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    Optional<Path> root =
        spec.hasNonNull("root")
            ? Optional.of(wasm.resolveSibling(spec.get("root").asText()))
            : Optional.empty();
    Optional<String> stdout =
        spec.hasNonNull("stdout") ? Optional.of(spec.get("stdout").asText()) : Optional.empty();
    return new Program(
        language + "/" + program,
        wasm,
        List.copyOf(args),
        env,
        root,
        spec.path("exit_code").asInt(0),
        stdout);
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
