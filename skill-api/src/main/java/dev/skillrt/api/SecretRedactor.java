package dev.skillrt.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Masks secret values in messages and in a skill's output: every stretch of text that holds a
 * secret, or one of the common transformations of it listed below, becomes {@value #MASK}.
 *
 * <p>For each secret these forms are masked:
 *
 * <ul>
 *   <li>the value itself, with ASCII letters matched case-insensitively ({@code token}, {@code
 *       TOKEN}, {@code Token}); other characters must match exactly;
 *   <li>its percent-encoded forms, when they differ from the value: every byte outside {@code
 *       A-Z a-z 0-9 - . _ ~} as {@code %XX} (RFC 3986), and the form encoding ({@code
 *       java.net.URLEncoder}: space as {@code +}); hex digits in either case;
 *   <li>its JSON string form (quote, backslash and control characters escaped with a backslash,
 *       as Jackson writes them), when it differs from the value;
 *   <li>for a secret of at least {@value #BASE64_MIN_BYTES} bytes (in UTF-8): its base64 and
 *       base64url encodings, standalone (with or without {@code =} padding) and inside a longer
 *       base64 text at any of the three byte alignments (the characters that depend on the
 *       secret's bytes alone; as in an HTTP {@code Authorization: Basic} header). These match
 *       exactly, as base64 is case-sensitive.
 * </ul>
 *
 * <p>Text is scanned once, left to right, as UTF-8 bytes; at each position the longest form that
 * matches wins, and overlapping or adjacent matches (of one secret or of several) merge into one
 * {@value #MASK}. So no part of a matched secret stays visible, whatever the order the secrets
 * were given in, and a secret that contains another is masked whole.
 *
 * <p>Not masked: other encodings (hex, base32, HTML entities, shell or other quoting, compression,
 * encryption), a secret with characters inserted or reordered, case variants of non-ASCII letters,
 * other Unicode normal forms, a secret split between stdout and stderr, and a part of a secret
 * (except at the point where output was cut by its limit, see {@link #redactOutput}). Empty
 * secrets are ignored; a very short secret masks every occurrence of itself, wanted or not.
 *
 * <p>Immutable and thread-safe; a {@link StreamMask} is not.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SecretRedactor {

  /** What a secret is replaced by. */
  public static final String MASK = "***";

  /** Secrets shorter than this (in UTF-8 bytes) are not looked for in base64. */
  public static final int BASE64_MIN_BYTES = 8;

  private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.US_ASCII);
  private static final SecretRedactor NONE = new SecretRedactor(List.of());

  /** One byte sequence to look for. */
  private record Form(byte[] bytes, boolean foldCase) {}

  private final List<String> secrets;
  private final Form[] forms;
  private final boolean[] canStart = new boolean[256];
  private final int longest;

  private SecretRedactor(Collection<String> secrets) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        distinct.add(s);
      }
    }
    this.secrets = List.copyOf(distinct);
    List<Form> all = new ArrayList<>();
    for (String s : distinct) {
      addForms(s, all);
    }
    all.sort(Comparator.comparingInt((Form f) -> f.bytes().length).reversed());
    this.forms = all.toArray(new Form[0]);
    int max = 0;
    for (Form f : forms) {
      max = Math.max(max, f.bytes().length);
      int first = f.bytes()[0] & 0xff;
      canStart[first] = true;
      if (f.foldCase()) {
        canStart[fold(first)] = true;
        canStart[upper(first)] = true;
      }
    }
    this.longest = max;
  }

  /** A redactor for these secrets (empty ones are ignored). */
  public static SecretRedactor of(Collection<String> secrets) {
    return secrets.isEmpty() ? NONE : new SecretRedactor(secrets);
  }

  /** A redactor that masks nothing. */
  public static SecretRedactor none() {
    return NONE;
  }

  /** Whether there is nothing to mask. */
  public boolean isEmpty() {
    return forms.length == 0;
  }

  /** The secrets, without duplicates or empty ones. */
  public List<String> secrets() {
    return secrets;
  }

  /**
   * The length in bytes of the longest form looked for: a stream holds back at most one byte less
   * than this.
   */
  public int longestForm() {
    return longest;
  }

  /** The text with every secret (in every form above) masked. */
  public String redact(String text) {
    if (isEmpty() || text.isEmpty()) {
      return text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] masked = redactOutput(bytes, false);
    return Arrays.equals(bytes, masked) ? text : new String(masked, StandardCharsets.UTF_8);
  }

  /** Whether the text holds any secret, in any form above. */
  public boolean matches(String text) {
    return !redact(text).equals(text);
  }

  /**
   * Captured output with every secret masked. When {@code cut} (the output was truncated at its
   * limit), an end that is the beginning of a secret's form is masked too.
   */
  public byte[] redactOutput(byte[] bytes, boolean cut) {
    if (isEmpty()) {
      return bytes;
    }
    StreamMask mask = new StreamMask();
    byte[] head = mask.write(bytes, 0, bytes.length);
    byte[] tail = mask.finish(cut);
    if (tail.length == 0) {
      return head;
    }
    byte[] out = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }

  /** A mask for one stream of output that comes in chunks. */
  public StreamMask newStreamMask() {
    return new StreamMask();
  }

  /**
   * Masks one stream chunk by chunk, holding back at most {@link #longestForm()} - 1 bytes that
   * could still be the start of a secret; what it returns, concatenated, equals {@link
   * #redactOutput} of the whole stream. Not thread-safe.
   */
  public final class StreamMask {
    private byte[] pending = new byte[0];
    private int pendingLength;
    private int covered;
    private boolean inMask;
    private boolean finished;

    private StreamMask() {}

    /** Takes the next bytes; returns the masked bytes that are ready (maybe none). */
    public byte[] write(byte[] b, int off, int len) {
      if (finished) {
        throw new IllegalStateException("this stream mask is finished");
      }
      if (pendingLength + len > pending.length) {
        pending = Arrays.copyOf(pending, Math.max(pendingLength + len, pending.length * 2));
      }
      System.arraycopy(b, off, pending, pendingLength, len);
      pendingLength += len;
      return scan(pendingLength - (longest - 1), false);
    }

    /**
     * Ends the stream; returns the bytes held back, masked. When {@code cut}, an end that is the
     * beginning of a secret's form is masked too.
     */
    public byte[] finish(boolean cut) {
      if (finished) {
        return new byte[0];
      }
      finished = true;
      byte[] out = scan(pendingLength, cut);
      pending = new byte[0];
      return out;
    }

    private byte[] scan(int until, boolean cutEnd) {
      if (until <= 0) {
        return new byte[0];
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(until + 8);
      int tailFrom = pendingLength - (longest - 1);
      int i = 0;
      for (; i < until; i++) {
        if (canStart[pending[i] & 0xff]) {
          covered = Math.max(covered, longestAt(pending, i, pendingLength));
        }
        if (cutEnd && i >= tailFrom && covered < pendingLength - i && isPrefixAt(pending, i, pendingLength)) {
          covered = pendingLength - i;
        }
        if (covered > 0) {
          if (!inMask) {
            out.write(MASK_BYTES, 0, MASK_BYTES.length);
            inMask = true;
          }
          covered--;
        } else {
          inMask = false;
          out.write(pending[i]);
        }
      }
      System.arraycopy(pending, i, pending, 0, pendingLength - i);
      pendingLength -= i;
      return out.toByteArray();
    }
  }

  /** The length of the longest form that matches at {@code i}, or 0. */
  private int longestAt(byte[] b, int i, int end) {
    for (Form f : forms) {
      if (f.bytes().length <= end - i && matchesAt(f, b, i, f.bytes().length)) {
        return f.bytes().length;
      }
    }
    return 0;
  }

  /** Whether {@code b[i..end)} is a proper beginning of some form. */
  private boolean isPrefixAt(byte[] b, int i, int end) {
    int n = end - i;
    for (Form f : forms) {
      if (f.bytes().length > n && matchesAt(f, b, i, n)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(Form f, byte[] b, int i, int n) {
    byte[] p = f.bytes();
    for (int k = 0; k < n; k++) {
      int x = b[i + k] & 0xff;
      int y = p[k] & 0xff;
      if (x != y && !(f.foldCase() && fold(x) == fold(y))) {
        return false;
      }
    }
    return true;
  }

  private static int fold(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static int upper(int c) {
    return c >= 'a' && c <= 'z' ? c - 32 : c;
  }

  private static void addForms(String secret, List<Form> out) {
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> folded = new LinkedHashSet<>();
    folded.add(secret);
    folded.add(percentEncoded(utf8));
    folded.add(java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
    folded.add(jsonEscaped(secret));
    for (String f : folded) {
      out.add(new Form(f.getBytes(StandardCharsets.UTF_8), true));
    }
    if (utf8.length >= BASE64_MIN_BYTES) {
      Set<String> exact = new LinkedHashSet<>();
      for (Base64.Encoder e : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        exact.add(e.encodeToString(utf8));
        exact.add(e.withoutPadding().encodeToString(utf8));
        for (int offset = 0; offset < 3; offset++) {
          exact.add(base64Core(e, utf8, offset));
        }
      }
      exact.removeAll(folded);
      for (String f : exact) {
        out.add(new Form(f.getBytes(StandardCharsets.US_ASCII), false));
      }
    }
  }

  /**
   * The base64 characters that depend only on the secret's bytes when it starts {@code offset}
   * bytes past a 3-byte boundary of a longer text.
   */
  private static String base64Core(Base64.Encoder encoder, byte[] secret, int offset) {
    byte[] shifted = new byte[offset + secret.length];
    System.arraycopy(secret, 0, shifted, offset, secret.length);
    String encoded = encoder.withoutPadding().encodeToString(shifted);
    int firstBit = 8 * offset;
    int endBit = 8 * (offset + secret.length);
    int from = (firstBit + 5) / 6;
    int to = endBit / 6;
    return encoded.substring(from, to);
  }

  private static String percentEncoded(byte[] utf8) {
    StringBuilder sb = new StringBuilder();
    for (byte b : utf8) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  private static String jsonEscaped(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SecretRedactor{" + secrets.size() + " secrets, " + forms.length + " forms}";
  }
}
