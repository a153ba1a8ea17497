package dev.skillrt.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
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
 *   <li>its percent-encoded forms, when they differ from the value: every byte outside {@code A-Z
 *       a-z 0-9 - . _ ~} as {@code %XX} (RFC 3986), and the form encoding ({@code
 *       java.net.URLEncoder}: space as {@code +}); hex digits in either case;
 *   <li>its JSON string form (quote, backslash and control characters escaped with a backslash, as
 *       Jackson writes them), when it differs from the value;
 *   <li>for a secret of at least {@value #BASE64_MIN_BYTES} bytes (in UTF-8): its base64 and
 *       base64url encodings, standalone (with or without {@code =} padding) and inside a longer
 *       base64 text at any of the three byte alignments (the characters that depend on the secret's
 *       bytes alone; as in an HTTP {@code Authorization: Basic} header). These match exactly, as
 *       base64 is case-sensitive.
 * </ul>
 *
 * <p>Text is scanned once, left to right, as UTF-8 bytes, and every stretch that matches some form
 * is masked: overlapping or adjacent matches (of one secret or of several) merge into one {@value
 * #MASK}. So no part of a matched secret stays visible, whatever the order the secrets were given
 * in, and a secret that contains another is masked whole. The scan takes time linear in the text
 * plus the total length of the forms, however long the secrets and whatever the text holds.
 *
 * <p>Not masked: other encodings (hex, base32, HTML entities, shell or other quoting, compression,
 * encryption), a secret with characters inserted or reordered, case variants of non-ASCII letters,
 * other Unicode normal forms, a secret split between stdout and stderr, and a part of a secret
 * (except at the point where output was cut by its limit, see {@link #redactOutput}). Empty secrets
 * are ignored; a very short secret masks every occurrence of itself, wanted or not.
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
  private static final byte[] NOTHING = new byte[0];
  private static final SecretRedactor NONE = new SecretRedactor(List.of());

  private final List<String> secrets;
  private final int formCount;
  private final int longest;
  private final FormAutomaton anyCase;
  private final FormAutomaton exact;

  private SecretRedactor(Collection<String> secrets) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        distinct.add(s);
      }
    }
    this.secrets = List.copyOf(distinct);
    SecretForms forms = new SecretForms(distinct);
    this.formCount = forms.count();
    this.longest = forms.longest();
    this.anyCase = new FormAutomaton(forms.anyCase, true);
    this.exact = new FormAutomaton(forms.exact, false);
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
    return formCount == 0;
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
   * Masks one stream chunk by chunk. It holds back only the end of the stream that could still
   * begin a secret's form (at most {@link #longestForm()} - 1 bytes) and passes everything else on
   * at once; what it returns, concatenated, equals {@link #redactOutput} of the whole stream. Each
   * byte costs amortized constant time, whatever the chunks. Not thread-safe.
   */
  public final class StreamMask {
    /** The bytes read but not passed on yet, {@code held[heldFrom, heldTo)}. */
    private byte[] held = new byte[64];

    private int heldFrom;
    private int heldTo;

    /** The position in the stream of {@code held[heldFrom]}: how many bytes were passed on. */
    private long passed;

    private int anyCaseState = FormAutomaton.START;
    private int exactState = FormAutomaton.START;
    private final MaskedRuns runs = new MaskedRuns();

    /** Whether the last byte passed on was masked, so that a run going on adds no second mask. */
    private boolean inMask;

    private boolean finished;

    private StreamMask() {}

    /** Takes the next bytes; returns the masked bytes that are ready (maybe none). */
    public byte[] write(byte[] b, int off, int len) {
      if (finished) {
        throw new IllegalStateException("this stream mask is finished");
      }
      Objects.checkFromIndexSize(off, len, b.length);
      long at = read();
      hold(b, off, len);
      for (int k = 0; k < len; k++) {
        anyCaseState = anyCase.next(anyCaseState, b[off + k]);
        exactState = exact.next(exactState, b[off + k]);
        int match = Math.max(anyCase.matchLength(anyCaseState), exact.matchLength(exactState));
        if (match > 0) {
          long end = at + k + 1;
          runs.add(end - match, end);
        }
      }
      return passOn(read() - open());
    }

    /**
     * Ends the stream; returns the bytes held back, masked. When {@code cut}, an end that is the
     * beginning of a secret's form is masked too.
     */
    public byte[] finish(boolean cut) {
      if (finished) {
        return NOTHING;
      }
      finished = true;
      long end = read();
      if (cut && open() > 0) {
        runs.add(end - open(), end);
      }
      byte[] out = passOn(end);
      held = NOTHING;
      return out;
    }

    private long read() {
      return passed + (heldTo - heldFrom);
    }

    /** The length of the longest end of the stream that is a proper beginning of some form. */
    private int open() {
      return Math.max(anyCase.openLength(anyCaseState), exact.openLength(exactState));
    }

    private void hold(byte[] b, int off, int len) {
      int live = heldTo - heldFrom;
      if (heldTo + len > held.length) {
        // moving or growing copies the live bytes, at most as many as were added since last time
        byte[] to = live + len <= held.length / 2 ? held : new byte[Math.max(64, 2 * (live + len))];
        System.arraycopy(held, heldFrom, to, 0, live);
        held = to;
        heldFrom = 0;
        heldTo = live;
      }
      System.arraycopy(b, off, held, heldTo, len);
      heldTo += len;
    }

    /** Passes on the bytes before stream position {@code until}, each masked run as one mask. */
    private byte[] passOn(long until) {
      if (until <= passed) {
        return NOTHING;
      }
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) (until - passed) + MASK_BYTES.length);
      while (passed < until) {
        boolean masked = !runs.isEmpty() && runs.firstStart() <= passed;
        long stop =
            masked
                ? Math.min(runs.firstEnd(), until)
                : runs.isEmpty() ? until : Math.min(runs.firstStart(), until);
        int n = (int) (stop - passed);
        if (!masked) {
          out.write(held, heldFrom, n);
          inMask = false;
        } else if (!inMask) {
          out.write(MASK_BYTES, 0, MASK_BYTES.length);
          inMask = true;
        }
        heldFrom += n;
        passed = stop;
        if (masked && passed == runs.firstEnd()) {
          runs.removeFirst();
        }
      }
      return out.toByteArray();
    }
  }

  @Override
  public String toString() {
    return "SecretRedactor{" + secrets.size() + " secrets, " + formCount + " forms}";
  }
}
