package dev.skillrt.api;

import static dev.skillrt.api.Masking.b64;
import static dev.skillrt.api.Masking.streamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretRedactorTests {

  static Stream<Arguments> maskedForms() {
    String basic = "hunter2-secret";
    return Stream.of(
        // case, secrets, text, expected
        Arguments.of("as written", List.of("s3cr3t-token"), "key=s3cr3t-token;", "key=***;"),
        Arguments.of("upper-cased", List.of("s3cr3t-token"), "KEY=S3CR3T-TOKEN", "KEY=***"),
        Arguments.of("mixed case", List.of("s3cr3t-token"), "S3cR3T-ToKeN!", "***!"),
        Arguments.of("each occurrence", List.of("abc123"), "abc123 and ABC123", "*** and ***"),
        Arguments.of("shorter one first", List.of("abc", "abcdef"), "x abcdef y", "x *** y"),
        Arguments.of("longer one first", List.of("abcdef", "abc"), "x abcdef y", "x *** y"),
        Arguments.of("partial overlap", List.of("abcdef", "cdefgh"), "abcdefgh", "***"),
        Arguments.of("overlap, other order", List.of("cdefgh", "abcdef"), "abcdefgh", "***"),
        Arguments.of("adjacent", List.of("abc", "def"), "abcdef!", "***!"),
        Arguments.of("percent-encoded", List.of("p@ss w/rd"), "u=p%40ss%20w%2Frd&", "u=***&"),
        Arguments.of(
            "percent-encoded, lower hex", List.of("p@ss w/rd"), "u=p%40ss%20w%2frd&", "u=***&"),
        Arguments.of("form-encoded", List.of("p@ss w/rd"), "u=p%40ss+w%2Frd&", "u=***&"),
        Arguments.of(
            "JSON-escaped",
            List.of("a\"b\\c\nd"),
            "{\"k\":\"a\\\"b\\\\c\\nd\"}",
            "{\"k\":\"***\"}"),
        Arguments.of("base64", List.of(basic), "b64: " + b64(basic), "b64: ***"),
        Arguments.of(
            "base64 without padding",
            List.of("hunter2-secret"),
            "x " + b64(basic).replace("=", "") + " y",
            "x *** y"),
        Arguments.of(
            "base64url",
            List.of("??>>??>>secret"),
            Base64.getUrlEncoder()
                .encodeToString("??>>??>>secret".getBytes(StandardCharsets.UTF_8)),
            "***"),
        Arguments.of("non-ASCII exactly", List.of("pässwört-1"), "[pässwört-1]", "[***]"),
        Arguments.of("empty secrets ignored", List.of("", "abc"), "abc", "***"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maskedForms")
  void masks(String label, List<String> secrets, String text, String expected) {
    assertThat(SecretRedactor.of(secrets).redact(text)).isEqualTo(expected);
    ExecutionRequest.Builder request = ExecutionRequest.builder("s", "t", () -> "/bin/true");
    secrets.forEach(request::secretValue);
    assertThat(request.build().redact(text)).as("ExecutionRequest.redact").isEqualTo(expected);
  }

  static Stream<Arguments> formsLeftAlone() {
    return Stream.of(
        Arguments.of("base64 of a secret under 8 bytes", List.of("abc1234"), b64("abc1234")),
        Arguments.of("non-ASCII case variant", List.of("äpfel-geheim"), "ÄPFEL-GEHEIM"),
        Arguments.of("hex", List.of("secret-value"), "7365637265742d76616c7565"),
        Arguments.of("with characters inserted", List.of("secret-value"), "s.e.c.r.e.t-value"),
        Arguments.of("a part of a secret", List.of("secret-value"), "secret-valu"),
        Arguments.of("no secrets", List.of(), "anything"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formsLeftAlone")
  void leavesAlone(String label, List<String> secrets, String text) {
    assertThat(SecretRedactor.of(secrets).redact(text)).isEqualTo(text);
  }

  @ParameterizedTest(name = "the secret {0} bytes into a base64 text")
  @MethodSource("prefixLengths")
  void masksASecretInsideALongerBase64TextAtEveryAlignment(int prefixLength) {
    String secret = "hunter2-secret";
    String prefix = "user:".substring(0, prefixLength);
    String encoded = b64(prefix + secret);
    String masked = SecretRedactor.of(List.of(secret)).redact("Authorization: Basic " + encoded);
    assertThat(masked).startsWith("Authorization: Basic ").contains("***");
    String value = masked.substring("Authorization: Basic ".length());
    String before = value.substring(0, value.indexOf("***"));
    String after = value.substring(value.indexOf("***") + 3);
    // only the characters that also depend on the prefix, or on the padding, stay visible
    assertThat(before.length()).isLessThanOrEqualTo((8 * prefixLength + 5) / 6);
    assertThat(after.replace("=", "")).hasSizeLessThanOrEqualTo(1);
  }

  static Stream<Integer> prefixLengths() {
    return Stream.of(0, 1, 2, 3, 4, 5);
  }

  @Test
  void outputCutInsideASecretHasTheCutPartMasked() {
    SecretRedactor r = SecretRedactor.of(List.of("sk-live-abcdef123"));
    byte[] cut = "result: sk-live-ab".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(r.redactOutput(cut, true), StandardCharsets.UTF_8))
        .isEqualTo("result: ***");
    assertThat(
            new String(
                r.redactOutput("result: SK-LIVE-A".getBytes(StandardCharsets.UTF_8), true),
                StandardCharsets.UTF_8))
        .isEqualTo("result: ***");
    // output that simply ended there was not cut: nothing of a secret is in it
    assertThat(new String(r.redactOutput(cut, false), StandardCharsets.UTF_8))
        .isEqualTo("result: sk-live-ab");
  }

  static Stream<Arguments> streams() {
    List<String> secrets = List.of("sk-live-abcdef123", "sk-live", "p@ss w/rd");
    return Stream.of(
        Arguments.of(secrets, "token sk-live-abcdef123 done\n"),
        Arguments.of(secrets, "SK-LIVE-ABCDEF123SK-LIVE-ABCDEF123"),
        Arguments.of(secrets, "x p%40ss%20w%2Frd " + b64("sk-live-abcdef123") + " sk-live!"),
        Arguments.of(secrets, "no secrets at all, but long enough to be let through early"),
        Arguments.of(secrets, "ends inside sk-live-abc"));
  }

  @ParameterizedTest
  @MethodSource("streams")
  void aStreamCutAnywhereGivesWhatTheWholeOutputGives(List<String> secrets, String text) {
    SecretRedactor r = SecretRedactor.of(secrets);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (boolean cut : new boolean[] {false, true}) {
      String whole = new String(r.redactOutput(bytes, cut), StandardCharsets.UTF_8);
      assertThat(whole).doesNotContainIgnoringCase("sk-live-abcdef123");
      for (int split = 0; split <= bytes.length; split++) {
        assertThat(streamed(r, bytes, List.of(split), cut))
            .as("split at %d", split)
            .isEqualTo(whole);
      }
      List<Integer> everyByte = new ArrayList<>();
      for (int i = 1; i < bytes.length; i++) {
        everyByte.add(i);
      }
      assertThat(streamed(r, bytes, everyByte, cut)).as("byte by byte").isEqualTo(whole);
    }
  }

  @Test
  void aStreamHoldsBackOnlyAnEndThatCouldBeginASecret() {
    SecretRedactor r = SecretRedactor.of(List.of("sk-live-abcdef123"));
    SecretRedactor.StreamMask mask = r.newStreamMask();
    byte[] prompt = "Enter the code: ".getBytes(StandardCharsets.UTF_8);
    assertThat(mask.write(prompt, 0, prompt.length))
        .as("nothing here begins a secret")
        .isEqualTo(prompt);
    byte[] start = "key sk-live-abcdef12".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(mask.write(start, 0, start.length), StandardCharsets.UTF_8))
        .isEqualTo("key ");
    byte[] end = "3 done".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(mask.write(end, 0, end.length), StandardCharsets.UTF_8))
        .isEqualTo("*** done");
    assertThat(mask.finish(false)).isEmpty();
  }

  @Test
  void aStreamHoldsBackLessThanTheLongestForm() {
    String secret = "p@ss/w@rd/" + "@".repeat(20);
    SecretRedactor r = SecretRedactor.of(List.of(secret));
    SecretRedactor.StreamMask mask = r.newStreamMask();
    // the percent-encoded form is the longest; all of it but its last byte could still be a secret
    String longest = "p%40ss%2Fw%40rd%2F" + "%40".repeat(20);
    assertThat(r.longestForm()).isEqualTo(longest.length());
    byte[] text =
        ("x".repeat(100) + longest.substring(0, longest.length() - 1))
            .getBytes(StandardCharsets.UTF_8);
    byte[] ready = mask.write(text, 0, text.length);
    assertThat(ready.length).isEqualTo(100);
    byte[] rest = mask.finish(false);
    assertThat(rest.length).isEqualTo(r.longestForm() - 1);
    assertThat(new String(rest, StandardCharsets.UTF_8))
        .isEqualTo(longest.substring(0, longest.length() - 1));
  }
}
