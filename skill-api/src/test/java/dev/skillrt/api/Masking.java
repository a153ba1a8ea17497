package dev.skillrt.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Ways of feeding text to a {@link SecretRedactor} that the masking tests share. */
final class Masking {

  private Masking() {}

  /** Masks {@code bytes} as a stream cut at {@code splits}, ending cut short or not. */
  static String streamed(SecretRedactor r, byte[] bytes, List<Integer> splits, boolean cut) {
    SecretRedactor.StreamMask mask = r.newStreamMask();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    for (int split : splits) {
      out.writeBytes(mask.write(bytes, from, split - from));
      from = split;
    }
    out.writeBytes(mask.write(bytes, from, bytes.length - from));
    out.writeBytes(mask.finish(cut));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The base64 form of {@code s} in UTF-8. */
  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
