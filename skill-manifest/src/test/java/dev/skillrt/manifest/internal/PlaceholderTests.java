package dev.skillrt.manifest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The placeholder scan finds exactly what the documented pattern finds, in the same places. */
class PlaceholderTests {

  private static final Pattern PATTERN = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "{{a}}",
        "{{ a }}",
        "{{\ta\n}}",
        "{{\u000Ba\f\r}}",
        "{{\u00A0a}}",
        "--x={{name}}",
        "{{a}}{{b}}",
        "{{a}}-{{b.c_d-e}}",
        "{{{a}}}",
        "{{{{a}}}}",
        "{{a}",
        "{a}}",
        "{{}}",
        "{{ }}",
        "{{a b}}",
        "{{a}}}",
        "{{é}}",
        "x{{a}}y{{b}}z",
        "{{a}}{{",
        "{{a}} {{ b }}"
      })
  void findsWhatThePatternFinds(String text) {
    assertThat(scanned(text)).isEqualTo(matched(text));
    Matcher m = PATTERN.matcher(text);
    Placeholder leading = Placeholder.at(text, 0);
    assertThat(leading == null ? null : leading.name())
        .isEqualTo(m.lookingAt() ? m.group(1) : null);
  }

  private static List<String> scanned(String text) {
    List<String> out = new ArrayList<>();
    for (Placeholder p = Placeholder.find(text, 0);
        p != null;
        p = Placeholder.find(text, p.end())) {
      out.add(p.start() + ":" + p.end() + ":" + p.name());
    }
    return out;
  }

  private static List<String> matched(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = PATTERN.matcher(text);
    while (m.find()) {
      out.add(m.start() + ":" + m.end() + ":" + m.group(1));
    }
    return out;
  }
}
