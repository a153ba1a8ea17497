package dev.skillrt.api;

import static dev.skillrt.api.Masking.b64;
import static dev.skillrt.api.Masking.streamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The redactor masks exactly what the slow reference ({@link ScanAtEveryPosition}) masks: on every
 * case of {@link SecretRedactorTests}, and on texts generated to be full of overlapping, touching,
 * case-changed, encoded and cut secrets. Captured and streamed (cut anywhere) alike.
 */
class MaskingEquivalenceTests {

  static Stream<Arguments> casesOfTheRedactorTests() {
    return Stream.of(
            SecretRedactorTests.maskedForms()
                .map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2])),
            SecretRedactorTests.formsLeftAlone()
                .map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2])),
            SecretRedactorTests.streams()
                .map(a -> Arguments.of("stream " + a.get()[1], a.get()[0], a.get()[1])),
            Stream.of(
                Arguments.of(
                    "cut inside a secret", List.of("sk-live-abcdef123"), "result: sk-live-ab"),
                Arguments.of(
                    "cut inside an upper-cased secret",
                    List.of("sk-live-abcdef123"),
                    "result: SK-LIVE-A")),
            IntStream.range(0, 6)
                .mapToObj(
                    n ->
                        Arguments.of(
                            "base64 text, the secret " + n + " bytes in",
                            List.of("hunter2-secret"),
                            "Authorization: Basic "
                                + b64("user:".substring(0, Math.min(n, 5)) + "hunter2-secret"))))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("casesOfTheRedactorTests")
  void theCasesOfTheRedactorTestsComeOutAsBefore(String label, List<String> secrets, String text) {
    assertSameAsTheReference(secrets, text, new Random(label.hashCode()));
  }

  static Stream<Arguments> generatedCases() {
    Random random = new Random(20240611);
    List<Arguments> cases = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      List<String> secrets = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int k = 0; k < count; k++) {
        secrets.add(piece(random, 1 + random.nextInt(random.nextInt(4) == 0 ? 14 : 5)));
      }
      StringBuilder text = new StringBuilder();
      int parts = random.nextInt(12);
      for (int k = 0; k < parts; k++) {
        String secret = secrets.get(random.nextInt(secrets.size()));
        text.append(
            switch (random.nextInt(7)) {
              case 0 -> secret;
              case 1 -> secret.toUpperCase(java.util.Locale.ROOT);
              case 2 -> secret.substring(0, random.nextInt(secret.length()));
              case 3 -> secret.substring(random.nextInt(secret.length()));
              case 4 -> java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8);
              case 5 ->
                  b64(piece(random, random.nextInt(3)) + secret + piece(random, random.nextInt(3)));
              default -> piece(random, random.nextInt(6));
            });
      }
      cases.add(Arguments.of(n, secrets, text.toString()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "generated case {0}: {1} in {2}")
  @MethodSource("generatedCases")
  void generatedTextsComeOutAsWithTheReference(int n, List<String> secrets, String text) {
    assertSameAsTheReference(secrets, text, new Random(n));
  }

  private static void assertSameAsTheReference(List<String> secrets, String text, Random random) {
    SecretRedactor redactor = SecretRedactor.of(secrets);
    ScanAtEveryPosition reference = new ScanAtEveryPosition(secrets);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (boolean cut : new boolean[] {false, true}) {
      String expected = reference.redact(text, cut);
      assertThat(new String(redactor.redactOutput(bytes, cut), StandardCharsets.UTF_8))
          .as("captured, cut %s", cut)
          .isEqualTo(expected);
      for (int round = 0; round < 4; round++) {
        List<Integer> splits = new ArrayList<>();
        for (int at = 0;
            at < bytes.length;
            at += 1 + random.nextInt(round == 0 ? 1 : 2 * round + 1)) {
          splits.add(at);
        }
        assertThat(streamed(redactor, bytes, splits, cut))
            .as("streamed at %s, cut %s", splits, cut)
            .isEqualTo(expected);
      }
    }
    assertThat(redactor.redact(text)).as("redact").isEqualTo(reference.redact(text, false));
  }

  /** Text from a small alphabet, so that secrets made of it overlap and touch often. */
  private static String piece(Random random, int length) {
    String alphabet = "aabAB%2/=+ ä";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
