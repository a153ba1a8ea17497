package dev.skillrt.manifest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass reader against Jackson: whatever it takes, Jackson takes too and reads into the same
 * tree (same keys in the same order, same node types); what it does not take goes to Jackson, which
 * says what is wrong. Its positions are the scan's.
 */
class TomlOnePassReaderTests {

  private static final TomlMapper TOML = new TomlMapper();

  /** Jackson's tree of a text, or null when Jackson refuses it. */
  private static @Nullable JsonNode jackson(String text) {
    try {
      JsonNode n = TOML.reader().with(new SharingNodeFactory()).readTree(text);
      return n == null || !n.isObject() ? TOML.createObjectNode() : n;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Asserts the reader agrees with Jackson on {@code text}; whether it took the text. */
  private static boolean agrees(String text) {
    Optional<TomlOnePassReader.Result> ours =
        TomlOnePassReader.read(text, new SharingNodeFactory());
    if (ours.isEmpty()) {
      return false;
    }
    JsonNode theirs = jackson(text);
    assertThat(theirs).as("Jackson refuses what the one-pass reader took:%n%s", text).isNotNull();
    assertThat(ours.get().root()).as("the tree of:%n%s", text).isEqualTo(theirs);
    assertThat(ours.get().root().toString())
        .as("the order in:%n%s", text)
        .hasToString(String.valueOf(theirs));
    return true;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "# only a comment\n",
        "a = 1",
        "a = 1\r\nb = 2\r\n",
        "a = \"x\" # comment\n",
        "a = 'literal \\\\ as written'",
        "a = \"esc \\\" \\\\ \\n \\t \\b \\f \\r \\u00e9 \\U0001F600\"",
        "a = \"\"\"\nfirst newline dropped\nsecond\"\"\"",
        "a = \"\"\"one \\\n    two\"\"\"",
        "a = \"\"\"quotes \"\" inside and at the end\"\"\"\"\"",
        "a = '''\nraw \\n text'''",
        "a = '''two quotes'''''",
        "a = true\nb = false",
        "a = 0\nb = -17\nc = +42\nd = 2147483647\ne = 2147483648\nf = -2147483649",
        "g = 999999999999999999\nh = -0",
        "a = 1.0\nb = -0.5\nc = 3.14159265358979323846\nd = +2.50\ne = 0.0\nf = -0.0\ng = 100.125",
        "a = 100.0\nb = 1200.50\nc = -3000.000\nd = 0.000100",
        "cpus = 1.5 # a comment\nlist = [0.25, 1.75]\nt = { x = 2.0 }",
        "a = []\nb = [1, 2, 3,]\nc = [\n  \"x\", # one\n  'y'\n]",
        "a = [[1, 2], [\"mixed\", true], []]",
        "a = {}\nb = { x = 1, y.z = \"deep\", y.w = [1] }",
        "a = [{ x = 1 }, { x = 2, y = { z = 3 } }]",
        "a.b.c = 1\na.b.d = 2\na.e = 3",
        "\"quoted key\" = 1\n'literal key' = 2\n\"dotted.in.quotes\" = 3\n\"é\" = 4",
        "[a]\nx = 1\n[b]\ny = 2\n[a.c]\nz = 3",
        "[ a . b ]\nx = 1\n[a]\ny = 2",
        "[a]\nb.c = 1\nb.d = 2\n[e]",
        "[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n[[a.c]]\nz = 4\n[[a.c]]\nz = 5",
        "[[ a ]]\n[[a]]\n",
        "1 = 'digits'\n-_ = 'dash'\ntrue = 'a key'",
        "a = \"tab\tinside\"",
        "[skills.x]\nsource = './x'\n[skills.x.tools.t]\nargs = ['a', '{{b}}']\n"
      })
  void takesAndAgreesWithJackson(String text) {
    assertThat(agrees(text)).as("taken:%n%s", text).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a = 1e3",
        "a = 1.5e3",
        "a = 1_000.5",
        "a = inf",
        "a = nan",
        "a = 0x1f",
        "a = 1_000",
        "a = 1979-05-27",
        "a = 07:32:00",
        "a = 1979-05-27T07:32:00Z",
        "a = 9999999999999999999",
        "[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true",
        "\"\" = 1",
        "a = \"\\uD800\"", // not TOML (a surrogate), but Jackson takes it
        "a = \"\"\"\r\nwindows\"\"\""
      })
  void leavesToJacksonWhatItDoesNotTake(String text) {
    assertThat(TomlOnePassReader.read(text, new SharingNodeFactory())).as(text).isEmpty();
    assertThat(jackson(text)).as("valid TOML: %s", text).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a = 1\na = 2",
        "a.b = 1\na.b = 2",
        "a = 1\na.b = 2",
        "[a]\n[a]",
        "[a]\nb = 1\n[a.b]",
        "[a]\nb.c = 1\n[a.b]",
        "a = {x = 1}\n[a]",
        "a = {x = 1}\na.y = 2",
        "a = [1]\n[[a]]",
        "[[a]]\n[a]",
        "[a]\n[[a]]",
        "a = {x = 1,}",
        "a = {x = 1,\ny = 2}",
        "a = {x = 1 y = 2}",
        "a = [1 2]",
        "a =",
        "= 1",
        "a = 1 b = 2",
        "[a] b = 1",
        "[a",
        "[[a]",
        "[[a] ]",
        "a = \"unterminated",
        "a = \"new\nline\"",
        "a = \"bad \\x41 escape\"",
        "a = \"\\u12\"",
        "a = \"\"\"unterminated",
        "a = '''six quotes''''''",
        "a = \"bell \u0007\"",
        "a = 1 # bell \u0007",
        "a = 1\rb = 2",
        "a = tru",
        "a = truex",
        "a = 01",
        "a = 1.",
        "a = .5",
        "a = 01.5",
        "a = 1.5.2",
        "a = +",
        "a b = 1",
        "a.= 1",
        "ä = 1",
        "a = \"\"\"x\"\"\"y"
      })
  void takesNothingInvalid(String text) {
    assertThat(TomlOnePassReader.read(text, new SharingNodeFactory())).as(text).isEmpty();
    assertThat(jackson(text)).as("invalid TOML: %s", text).isNull();
  }

  @Test
  void aShortValueAndAKeyWrittenTwiceAreKeptOnce() {
    JsonNode root =
        TomlOnePassReader.read("[a]\nx = 'same'\n[b]\nx = \"same\"\n", new SharingNodeFactory())
            .orElseThrow()
            .root();
    assertThat(root.get("a").get("x")).isSameAs(root.get("b").get("x"));
    assertThat(root.get("a").fieldNames().next()).isSameAs(root.get("b").fieldNames().next());
  }

  @Test
  void keysWrittenToShareOneHashDoNotSlowTheReadDown() {
    // 2^15 keys of "Aa" and "BB" blocks: every one has the same String.hashCode
    StringBuilder text = new StringBuilder();
    for (int n = 0; n < 1 << 15; n++) {
      for (int bit = 0; bit < 15; bit++) {
        text.append((n >> bit & 1) == 0 ? "Aa" : "BB");
      }
      text.append(" = ").append(n).append('\n');
    }
    JsonNode root =
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () ->
                    TomlOnePassReader.read(text.toString(), new SharingNodeFactory()).orElseThrow())
            .root();
    assertThat(root.size()).isEqualTo(1 << 15);
    assertThat(root.get("AaAaAaAaAaAaAaAaAaAaAaAaAaAaAa").intValue()).isZero();
  }

  @Test
  void everyManifestAtHandIsTakenAndReadAsJacksonReadsIt() throws IOException {
    List<Path> files = manifests();
    int taken = 0;
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      if (jackson(text) == null) {
        assertThat(TomlOnePassReader.read(text, new SharingNodeFactory()))
            .as(f.toString())
            .isEmpty();
      } else if (agrees(text)) {
        taken++;
      }
    }
    System.err.println("one-pass reader: took " + taken + " of " + files.size() + " manifests");
    assertThat(taken).as("manifests taken of %s", files.size()).isGreaterThan(files.size() / 2);
  }

  @Test
  void itsPositionsAreTheScans() throws IOException {
    for (Path f : manifests()) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      Optional<TomlOnePassReader.Result> ours =
          TomlOnePassReader.read(text, new SharingNodeFactory());
      if (ours.isEmpty() || text.contains("[[")) {
        continue; // the scan places a key below an array of tables less exactly
      }
      TomlPositions scan = TomlPositions.scan(text);
      List<List<String>> paths = new ArrayList<>();
      paths(ours.get().root(), new ArrayList<>(), paths);
      for (List<String> p : paths) {
        assertThat(ours.get().positions().find(p)).as("%s in %s", p, f).isEqualTo(scan.find(p));
      }
    }
  }

  @Test
  void mutatedManifestsAreTakenOnlyWhenJacksonReadsThemAlike() throws IOException {
    Random random = new Random(20261128);
    int taken = 0;
    int tries = 0;
    for (Path f : manifests()) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      for (int k = 0; k < 150; k++) {
        tries++;
        if (agrees(mutate(text, random))) {
          taken++;
        }
      }
    }
    System.err.println("one-pass reader: took " + taken + " of " + tries + " mutated manifests");
  }

  private static String mutate(String text, Random random) {
    if (text.isEmpty()) {
      return "=";
    }
    StringBuilder b = new StringBuilder(text);
    String alphabet = "[]{}.,=\"'#\\\n \t\r0123456789abcxyz_-+:eE";
    for (int n = 1 + random.nextInt(3); n > 0 && b.length() > 0; n--) {
      int at = random.nextInt(b.length());
      char c = alphabet.charAt(random.nextInt(alphabet.length()));
      switch (random.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, c);
        default -> b.setCharAt(at, c);
      }
    }
    return b.toString();
  }

  private static void paths(JsonNode node, List<String> at, List<List<String>> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> p = new ArrayList<>(at);
        p.add(e.getKey());
        out.add(p);
        paths(e.getValue(), p, out);
      }
    } else if (node.isArray()) {
      for (int k = 0; k < node.size(); k++) {
        List<String> p = new ArrayList<>(at);
        p.add(TomlPositions.element(k));
        out.add(p);
        paths(node.get(k), p, out);
      }
    }
  }

  /** This module's test manifests, the examples, and the upstream ones when they are at hand. */
  private static List<Path> manifests() throws IOException {
    List<Path> out = new ArrayList<>();
    try {
      Path own =
          Objects.requireNonNull(
              Path.of(TomlOnePassReaderTests.class.getResource("/manifests/full.toml").toURI())
                  .getParent());
      add(own, out);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    add(Path.of("../examples"), out);
    Path compat =
        Path.of(
            System.getProperty(
                "skillrt.compat.manifests", "../../shared/compat/upstream-manifests"));
    if (Files.isDirectory(compat)) {
      add(compat, out);
    } else {
      System.err.println("*** one-pass reader: no upstream manifests at " + compat + " ***");
    }
    return out;
  }

  private static void add(Path dir, List<Path> out) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir, 3)) {
      s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".toml"))
          .sorted()
          .forEach(out::add);
    }
  }
}
