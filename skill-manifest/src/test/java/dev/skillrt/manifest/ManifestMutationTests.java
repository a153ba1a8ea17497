package dev.skillrt.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Problem;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.spi.SkillRuntimeRegistry;
import dev.skillrt.testing.RecordingRuntimeProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mutated manifests (the upstream files and ours: cut, bytes flipped, keys renamed, types swapped)
 * load into a valid model or fail with a {@link ConfigurationException}; never another exception,
 * never a hang. A valid model is also validated by an engine, which must not throw.
 */
class ManifestMutationTests {

  enum Kind {
    CUT,
    FLIP_BYTES,
    RENAME_KEY,
    SWAP_TYPE,
    COMBINED
  }

  record Mutation(int source, Kind kind, long seed, int strength) {}

  private static final List<byte[]> SOURCES = sources();
  private static final ExecutorService RUNNER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "mutation-try");
            t.setDaemon(true);
            return t;
          });
  private static final Path DIR = tempDir();
  private static final AtomicInteger VALID = new AtomicInteger();
  private static final AtomicInteger REJECTED = new AtomicInteger();
  private static final Pattern KEY = Pattern.compile("(?m)^(\\s*)([A-Za-z0-9_.\"-]+)(\\s*=)");
  private static final Pattern VALUE =
      Pattern.compile("(?m)(=\\s*)(\"[^\"\\n]*\"|true|false|[0-9.]+|\\[[^\\]\\n]*\\])");
  private static final String[] KEY_NAMES = {
    "runtime",
    "source",
    "runtim",
    "docker",
    "image",
    "skills",
    "skill",
    "tools",
    "args",
    "parameters",
    "type",
    "enum",
    "default",
    "config",
    "capabilities",
    "allowed_paths",
    "network_access",
    "max_concurrent_requests",
    "limits",
    "timeout",
    "memory",
    "cpus",
    "pids",
    "output",
    "volumes",
    "native",
    "command",
    "wasm",
    "module",
    "instances",
    "default_instance",
    "secret",
    "x.y",
    "\"a b\""
  };
  private static final String[] VALUES = {
    "42",
    "-1",
    "0",
    "3.5",
    "true",
    "\"\"",
    "\"${UNSET_VARIABLE_FOR_TESTS}\"",
    "\"$${literal}\"",
    "[]",
    "[1, \"a\"]",
    "{ a = 1 }",
    "\"native\"",
    "\"docker\"",
    "\"../x:/y:rw\"",
    "\"::\"",
    "\"{{undeclared}}\"",
    "\"9999999999999999999999m\"",
    "1979-05-27T07:32:00Z",
    "\"/abs/path.wasm\"",
    "[\"${HOME}:/h\", \"rel:/r:ro\"]",
    "{ value = \"s\", secret = true }",
    "\"none\"",
    "nan",
    "inf"
  };

  private static List<byte[]> sources() {
    List<byte[]> out = new ArrayList<>();
    try {
      Path own =
          Objects.requireNonNull(
              Path.of(ManifestMutationTests.class.getResource("/manifests/full.toml").toURI())
                  .getParent());
      addAll(own, out);
      Path compat =
          Path.of(
              System.getProperty(
                  "skillrt.compat.manifests", "../../shared/compat/upstream-manifests"));
      if (Files.isDirectory(compat)) {
        addAll(compat, out);
      } else {
        System.err.println(
            "*** mutation test: no upstream manifests at "
                + compat
                + "; using this module's only ***");
      }
    } catch (IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static void addAll(Path dir, List<byte[]> out) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p :
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().contains(".toml"))
              .sorted()
              .toList()) {
        out.add(Files.readAllBytes(p));
      }
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("manifest-mutations");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Combinators.combine(
            Arbitraries.integers().between(0, SOURCES.size() - 1),
            Arbitraries.of(Kind.class),
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 6))
        .as(Mutation::new);
  }

  @Property(tries = 1500, seed = "20261126")
  void aMutatedManifestIsAValidModelOrAConfigurationError(@ForAll("mutations") Mutation mutation)
      throws Exception {
    byte[] bytes = mutate(SOURCES.get(mutation.source()), mutation);
    Path file = DIR.resolve("mutated.toml");
    Files.write(file, bytes);
    Future<Object> outcome = RUNNER.submit(() -> loadAndValidate(file));
    Object result;
    try {
      result = outcome.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      outcome.cancel(true);
      throw new AssertionError(
          "loading a mutated manifest hung (over 10 s):\n"
              + new String(bytes, StandardCharsets.UTF_8));
    }
    if (result instanceof ConfigurationException ce) {
      REJECTED.incrementAndGet();
      assertThat(ce.problems()).isNotEmpty();
      for (Problem p : ce.problems()) {
        assertThat(p.source()).isEqualTo(file.toString());
        assertThat(p.message()).isNotBlank();
      }
    } else {
      VALID.incrementAndGet();
      assertThat(result).isInstanceOf(Manifest.class);
    }
  }

  private static Object loadAndValidate(Path file) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", "/home/test");
    env.put("PWD", "/work");
    SkillRuntimeRegistry registry =
        SkillRuntimeRegistry.of(
            List.of(
                new RecordingRuntimeProvider("native"),
                new RecordingRuntimeProvider("docker"),
                new RecordingRuntimeProvider("wasm")));
    try {
      Manifest m = ManifestLoader.builder().environment(env).registry(registry).build().load(file);
      try (SkillEngine engine = SkillEngine.builder().manifest(m).registry(registry).build()) {
        engine.validate();
        for (String skill : engine.skills()) {
          engine.skill(skill).tools().keySet().forEach(t -> engine.parametersSchema(skill, t));
        }
      }
      return m;
    } catch (ConfigurationException e) {
      return e;
    }
  }

  static byte[] mutate(byte[] original, Mutation m) {
    Random random = new Random(m.seed());
    byte[] out = original.clone();
    Kind kind = m.kind();
    int rounds = kind == Kind.COMBINED ? m.strength() : 1;
    for (int r = 0; r < rounds; r++) {
      Kind k = kind == Kind.COMBINED ? Kind.values()[random.nextInt(4)] : kind;
      out =
          switch (k) {
            case CUT ->
                java.util.Arrays.copyOf(out, out.length == 0 ? 0 : random.nextInt(out.length));
            case FLIP_BYTES -> flip(out, random, m.strength());
            case RENAME_KEY ->
                replaceOne(
                    out,
                    KEY,
                    random,
                    mm -> mm.group(1) + KEY_NAMES[random.nextInt(KEY_NAMES.length)] + mm.group(3));
            case SWAP_TYPE ->
                replaceOne(
                    out, VALUE, random, mm -> mm.group(1) + VALUES[random.nextInt(VALUES.length)]);
            case COMBINED -> out;
          };
    }
    return out;
  }

  private static byte[] flip(byte[] in, Random random, int count) {
    byte[] out = in.clone();
    for (int i = 0; i < count && out.length > 0; i++) {
      int at = random.nextInt(out.length);
      byte[] syntax = "[]{}=\"'.,#\n$\\".getBytes(StandardCharsets.US_ASCII);
      out[at] =
          random.nextBoolean()
              ? (byte) (out[at] ^ (1 << random.nextInt(8)))
              : syntax[random.nextInt(syntax.length)];
    }
    return out;
  }

  private static byte[] replaceOne(
      byte[] in,
      Pattern pattern,
      Random random,
      java.util.function.Function<Matcher, String> replacement) {
    String text = new String(in, StandardCharsets.UTF_8);
    Matcher m = pattern.matcher(text);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return in;
    }
    int pick = random.nextInt(spans.size());
    m.reset();
    for (int i = 0; i <= pick; i++) {
      m.find();
    }
    String replaced = text.substring(0, m.start()) + replacement.apply(m) + text.substring(m.end());
    return replaced.getBytes(StandardCharsets.UTF_8);
  }

  @AfterContainer
  static void report() {
    System.out.println(
        "mutated manifests: "
            + VALID.get()
            + " valid models, "
            + REJECTED.get()
            + " configuration errors");
  }
}
