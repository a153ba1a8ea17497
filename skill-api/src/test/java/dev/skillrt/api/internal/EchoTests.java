package dev.skillrt.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EchoTests {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # given (\\n stands for a newline) | echoed
          runtim                             | "runtim"
          two\\nlines                        | "two\\nlines"
          ''                                 | ""
          """)
  void shortTextIsQuotedAsItIsWithControlCharactersEscaped(String given, String echoed) {
    assertThat(Echo.quoted(given.replace("\\n", "\n"))).isEqualTo(echoed);
  }

  @Test
  void controlAndFormatCharactersCannotForgeOutput() {
    assertThat(Echo.of("a\r\tb\u0000c\u202ed")).isEqualTo("a\\r\\tb\\u0000c\\u202ed");
  }

  @Test
  void longTextIsCutAndSaysHowLongItWas() {
    String key = "k".repeat(10 * 1024 * 1024);
    assertThat(Echo.quoted(key)).isEqualTo("\"" + "k".repeat(60) + "...\" (10485760 characters)");
    assertThat(Echo.of(key)).hasSizeLessThan(Echo.MAX + 30);
    assertThat(Echo.of("x".repeat(Echo.MAX))).isEqualTo("x".repeat(Echo.MAX));
  }

  @Test
  void aCutNeverSplitsACharacter() {
    String emoji = "\uD83D\uDE00".repeat(100);
    String echoed = Echo.of(emoji);
    assertThat(echoed).isEqualTo("\uD83D\uDE00".repeat(30) + "... (200 characters)");
    assertThat(Echo.of("x" + emoji))
        .isEqualTo("x" + "\uD83D\uDE00".repeat(30) + "... (201 characters)");
  }
}
