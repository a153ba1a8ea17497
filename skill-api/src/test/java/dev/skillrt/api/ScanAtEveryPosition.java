package dev.skillrt.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reference for what masking means, written the slow and obvious way (the way masking was first
 * done): at each position of the whole text, try every form of every secret and mask the longest
 * that matches; when the text was cut, mask an end that is a proper beginning of a form. Time grows
 * with text x form length x forms, so only for small texts in tests.
 */
final class ScanAtEveryPosition {

  private record Form(byte[] bytes, boolean foldCase) {}

  private final List<Form> forms = new ArrayList<>();

  ScanAtEveryPosition(List<String> secrets) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String s : secrets) {
      if (!s.isEmpty()) {
        distinct.add(s);
      }
    }
    SecretForms all = new SecretForms(distinct);
    all.anyCase.forEach(f -> forms.add(new Form(f, true)));
    all.exact.forEach(f -> forms.add(new Form(f, false)));
  }

  String redact(String text, boolean cut) {
    return new String(redact(text.getBytes(StandardCharsets.UTF_8), cut), StandardCharsets.UTF_8);
  }

  byte[] redact(byte[] b, boolean cut) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int covered = 0;
    boolean inMask = false;
    for (int i = 0; i < b.length; i++) {
      for (Form f : forms) {
        int n = f.bytes().length;
        if (n <= b.length - i && matchesAt(f, b, i, n)) {
          covered = Math.max(covered, n);
        }
        if (cut && n > b.length - i && matchesAt(f, b, i, b.length - i)) {
          covered = Math.max(covered, b.length - i);
        }
      }
      if (covered > 0) {
        if (!inMask) {
          out.writeBytes(SecretRedactor.MASK.getBytes(StandardCharsets.US_ASCII));
          inMask = true;
        }
        covered--;
      } else {
        inMask = false;
        out.write(b[i]);
      }
    }
    return out.toByteArray();
  }

  private static boolean matchesAt(Form f, byte[] b, int i, int n) {
    for (int k = 0; k < n; k++) {
      int x = b[i + k] & 0xff;
      int y = f.bytes()[k] & 0xff;
      if (x != y && !(f.foldCase() && fold(x) == fold(y))) {
        return false;
      }
    }
    return true;
  }

  private static int fold(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
