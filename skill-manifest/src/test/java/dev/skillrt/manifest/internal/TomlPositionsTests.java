package dev.skillrt.manifest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skillrt.manifest.internal.TomlPositions.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

class TomlPositionsTests {

  static final String TEXT =
      """
      version = "1"   # comment
      [skills.a]
      source = "./a"
        runtime = 'native'
      config.greeting = "hi"
      "quoted.key" = 1
      inline = { x = 1, y = { z = "two" } }
      list = [
        "one",   # first
        { k = 1 },
      ]
      text = \"""
      multi
      line\"""
      after = true

      [[skills.a.services]]
      name = "first"

      [[skills.a.services]]
      name = "second"

      [skills.a.services.extra]
      """;

  final TomlPositions positions = TomlPositions.scan(TEXT);

  Position at(String... path) {
    return positions.find(List.of(path));
  }

  @Test
  void findsKeysHeadersDottedAndQuotedKeys() {
    assertThat(at("version")).isEqualTo(new Position(1, 1));
    assertThat(at("skills", "a")).isEqualTo(new Position(2, 1));
    assertThat(at("skills", "a", "source")).isEqualTo(new Position(3, 1));
    assertThat(at("skills", "a", "runtime")).isEqualTo(new Position(4, 3));
    assertThat(at("skills", "a", "config", "greeting")).isEqualTo(new Position(5, 1));
    assertThat(at("skills", "a", "quoted.key")).isEqualTo(new Position(6, 1));
  }

  @Test
  void findsKeysInsideInlineTablesAndArrays() {
    assertThat(at("skills", "a", "inline", "x")).isEqualTo(new Position(7, 12));
    assertThat(at("skills", "a", "inline", "y", "z")).isEqualTo(new Position(7, 25));
    assertThat(at("skills", "a", "list", "[0]")).isEqualTo(new Position(9, 3));
    assertThat(at("skills", "a", "list", "[1]", "k")).isEqualTo(new Position(10, 5));
  }

  @Test
  void countsLinesInsideMultiLineStringsAndArraysOfTables() {
    assertThat(at("skills", "a", "after")).isEqualTo(new Position(15, 1));
    assertThat(at("skills", "a", "services", "[0]", "name")).isEqualTo(new Position(18, 1));
    assertThat(at("skills", "a", "services", "[1]", "name")).isEqualTo(new Position(21, 1));
    assertThat(at("skills", "a", "services", "[1]", "extra")).isEqualTo(new Position(23, 1));
  }

  @Test
  void anUnknownPathFallsBackToItsNearestAncestor() {
    assertThat(at("skills", "a", "source", "nothing")).isEqualTo(new Position(3, 1));
    assertThat(at("nowhere")).isEqualTo(new Position(1, 1));
  }

  @Test
  void textThatIsNotTomlEndsTheScanInsteadOfLoopingOnIt() {
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10),
        () -> {
          TomlPositions p = TomlPositions.scan("a = 1\nb = [\n  x=${Y:-}\"\n]\nc = { d = } }\n");
          assertThat(p.find(java.util.List.of("a"))).isEqualTo(new Position(1, 1));
        });
  }
}
