package dev.skillrt.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * What was captured of one output stream.
 *
 * @param bytes the captured bytes (at most the output limit); the record keeps its own copy
 * @param truncated whether the skill printed more than was captured
 */
@API(status = STABLE, since = "0.1")
public record CapturedOutput(byte[] bytes, boolean truncated) {

  private static final CapturedOutput EMPTY = new CapturedOutput(new byte[0], false);

  public CapturedOutput {
    bytes = bytes.clone();
  }

  public static CapturedOutput empty() {
    return EMPTY;
  }

  public static CapturedOutput of(String utf8) {
    return new CapturedOutput(utf8.getBytes(StandardCharsets.UTF_8), false);
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** The bytes decoded as UTF-8 (malformed input replaced). */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapturedOutput c
        && truncated == c.truncated
        && Arrays.equals(bytes, c.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bytes) + Boolean.hashCode(truncated);
  }

  @Override
  public String toString() {
    return "CapturedOutput{" + bytes.length + " bytes" + (truncated ? ", truncated" : "") + "}";
  }
}
