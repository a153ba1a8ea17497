package dev.skillrt.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Output built to make masking slow: a long secret and megabytes that match its beginning over and
 * over. Masking each takes time linear in the output (well under a second here); scanning every
 * position for every form took minutes. The bounds are generous on purpose.
 */
class MaskingCostTests {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final int MEGABYTES_4 = 4 << 20;

  /** A 100,000-character secret and 4 MB of its first letter: 97 s of CPU before. */
  @Test
  void aLongSecretAndOutputThatRepeatsItsBeginningAreMaskedQuickly() {
    String secret = "a".repeat(100_000);
    SecretRedactor redactor = SecretRedactor.of(List.of(secret));
    byte[] output = repeated('a', MEGABYTES_4, "b");

    byte[] captured = assertTimeoutPreemptively(BOUND, () -> redactor.redactOutput(output, false));
    assertThat(new String(captured, StandardCharsets.UTF_8)).isEqualTo("***b");

    String streamed =
        assertTimeoutPreemptively(BOUND, () -> streamed(redactor, output, 65_536, false));
    assertThat(streamed).isEqualTo("***b");

    byte[] cut = Arrays.copyOf(output, 90_000);
    assertThat(new String(redactor.redactOutput(cut, true), StandardCharsets.UTF_8))
        .as("cut before a whole secret was printed")
        .isEqualTo("***");
  }

  /**
   * A secret with a repeating pattern (a 4-character block, 64 KiB in all) and output that is the
   * secret but its last character, again and again: each near miss is shown as it is.
   */
  @Test
  void nearMissesOfALongSecretAreScannedQuickly() {
    String secret = key(new Random(7), 4).repeat(16 * 1024);
    SecretRedactor redactor = SecretRedactor.of(List.of(secret));
    String nearMiss = secret.substring(0, secret.length() - 1) + "!";
    StringBuilder text = new StringBuilder();
    while (text.length() < MEGABYTES_4) {
      text.append(nearMiss);
    }
    text.append(secret).append('\n');
    byte[] output = text.toString().getBytes(StandardCharsets.UTF_8);

    String masked =
        assertTimeoutPreemptively(
            BOUND, () -> new String(redactor.redactOutput(output, false), StandardCharsets.UTF_8));
    assertThat(masked).endsWith("!***\n").hasSize(output.length - secret.length() + 3);
    assertThat(assertTimeoutPreemptively(BOUND, () -> streamed(redactor, output, 4096, false)))
        .isEqualTo(masked);
  }

  /** Many secrets that share a long, repeating beginning, and output made of that beginning. */
  @Test
  void manySecretsWithACommonBeginningAreScannedQuickly() {
    String common = key(new Random(11), 16).repeat(256);
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      secrets.add(common + "-" + i);
    }
    SecretRedactor redactor = SecretRedactor.of(secrets);
    StringBuilder text = new StringBuilder();
    while (text.length() < MEGABYTES_4) {
      text.append(common);
    }
    text.append("-199 end");
    byte[] output = text.toString().getBytes(StandardCharsets.UTF_8);

    String masked =
        assertTimeoutPreemptively(
            BOUND, () -> new String(redactor.redactOutput(output, false), StandardCharsets.UTF_8));
    assertThat(masked)
        .endsWith(common + "*** end")
        .hasSize(output.length - (common + "-199").length() + 3);
  }

  /**
   * Output passed on one byte at a time while a long secret may still begin: no byte is copied
   * twice over.
   */
  @Test
  void aStreamInTinyChunksWithALongSecretIsMaskedQuickly() {
    String secret = "a".repeat(100_000);
    SecretRedactor redactor = SecretRedactor.of(List.of(secret));
    byte[] output = repeated('a', 1 << 20, "b");

    String streamed = assertTimeoutPreemptively(BOUND, () -> streamed(redactor, output, 1, false));
    assertThat(streamed).isEqualTo("***b");
    byte[] held = repeated('a', 99_999, "");
    assertThat(assertTimeoutPreemptively(BOUND, () -> streamed(redactor, held, 1, true)))
        .as("cut")
        .isEqualTo("***");
  }

  private static byte[] repeated(char c, int count, String end) {
    byte[] out = new byte[count + end.length()];
    Arrays.fill(out, 0, count, (byte) c);
    System.arraycopy(end.getBytes(StandardCharsets.US_ASCII), 0, out, count, end.length());
    return out;
  }

  /** A key-like secret: random letters, digits, {@code +} and {@code /}. */
  private static String key(Random random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String streamed(SecretRedactor redactor, byte[] output, int chunk, boolean cut) {
    SecretRedactor.StreamMask mask = redactor.newStreamMask();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int from = 0; from < output.length; from += chunk) {
      out.writeBytes(mask.write(output, from, Math.min(chunk, output.length - from)));
    }
    out.writeBytes(mask.finish(cut));
    return out.toString(StandardCharsets.UTF_8);
  }
}
