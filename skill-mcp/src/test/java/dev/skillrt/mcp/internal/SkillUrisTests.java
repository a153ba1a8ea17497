package dev.skillrt.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkillUrisTests {

  @Test
  void pathsAreEncodedSegmentBySegmentAndReadBack() {
    String uri = SkillUris.of("pdf", "references/Q&A notes.md");
    assertThat(uri).isEqualTo("skill://pdf/references/Q%26A%20notes.md");
    assertThat(SkillUris.parse(uri))
        .contains(new SkillUris.Parsed("pdf", "references/Q&A notes.md"));
    assertThat(SkillUris.parse("skill://pdf")).contains(new SkillUris.Parsed("pdf", ""));
    assertThat(SkillUris.parse("skill://pdf/scripts/"))
        .contains(new SkillUris.Parsed("pdf", "scripts"));
  }

  @Test
  void whatCouldHideAnotherPathIsNotASkillUri() {
    for (String bad :
        new String[] {
          "file:///etc/passwd",
          "skill://",
          "skill:///etc/passwd",
          "skill://pdf/a%2F..%2F..%2Fetc%2Fpasswd",
          "skill://pdf/a//b",
          "skill://pdf/x?y",
          "skill://pdf/x#y",
          "skill://pdf/%zz",
          "skill://pdf/%2"
        }) {
      assertThat(SkillUris.parse(bad)).as(bad).isEqualTo(Optional.empty());
    }
  }
}
