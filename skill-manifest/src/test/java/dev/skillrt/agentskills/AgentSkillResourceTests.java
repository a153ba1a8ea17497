package dev.skillrt.agentskills;

import static dev.skillrt.agentskills.SkillFolders.skill;
import static dev.skillrt.agentskills.SkillFolders.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.agentskills.internal.Interpreters;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.NotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progressive disclosure: the catalogue, the instructions, the files and one file at a time, with
 * every way out of the folder tried for real (links, {@code ..}, absolute paths) and refused.
 */
class AgentSkillResourceTests {

  @TempDir Path root;
  AgentSkills skills;
  Path outside;

  @BeforeEach
  void folder() throws IOException {
    outside = Files.writeString(root.resolve("outside-secret.txt"), "TOP-SECRET\n");
    Path f = root.resolve("skills/guide");
    skill(
        root.resolve("skills"),
        "guide",
        "name: guide\ndescription: Guides.\nmetadata:\n  author: me\nallowed-tools: Read\n",
        "# Guide\n\nRead references/forms.md.\n");
    write(f.resolve("references/forms.md"), "forms\n");
    write(f.resolve(".hidden/key"), "hidden\n");
    Files.createSymbolicLink(f.resolve("references/secret.md"), outside);
    Files.createSymbolicLink(f.resolve("references/alias.md"), f.resolve("references/forms.md"));
    Files.createSymbolicLink(f.resolve("up"), root);
    try (RandomAccessFile big = new RandomAccessFile(mkdirs(f.resolve("assets/big.bin")), "rw")) {
      big.setLength(AgentSkills.MAX_RESOURCE + 1L);
    }
    AgentSkill loaded = AgentSkillReader.read(f, Interpreters.DEFAULTS).skill().orElseThrow();
    skills =
        new AgentSkills(
            new AgentSkillSet(Map.of("guide", loaded), Interpreters.DEFAULTS, List.of()));
  }

  static java.io.File mkdirs(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return file.toFile();
  }

  @Test
  void theCatalogueTheInstructionsAndTheFrontmatter() {
    assertThat(skills.catalogue()).containsExactly(new AgentSkills.Entry("guide", "Guides."));
    assertThat(skills.instructions("guide")).isEqualTo("# Guide\n\nRead references/forms.md.\n");
    assertThat(skills.frontmatter("guide").toString())
        .isEqualTo(
            "{\"name\":\"guide\",\"description\":\"Guides.\",\"metadata\":{\"author\":\"me\"},\"allowed-tools\":\"Read\"}");
  }

  @Test
  void theFilesAreListedWithDigestsAndWithoutLinksOutOrHiddenOnes() throws Exception {
    List<SkillFile> files = skills.files("guide");
    assertThat(files)
        .extracting(SkillFile::path)
        .containsExactly(
            "SKILL.md", "assets/big.bin", "references/alias.md", "references/forms.md");
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("forms\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(files.get(3)).isEqualTo(new SkillFile("references/forms.md", 6, sha));
  }

  @Test
  void aFileInsideReads() {
    SkillResource r = skills.resource("guide", "references/forms.md");
    assertThat(r.text()).contains("forms\n");
    assertThat(r.mimeType()).isEqualTo("text/markdown");
    assertThat(skills.resource("guide", "references/alias.md").text()).contains("forms\n");
  }

  @Test
  void everyWayOutIsRefusedSayingWhy() {
    Map<String, String> attempts =
        Map.of(
            "../outside-secret.txt",
            "climbs out with \"..\"",
            "references/../../outside-secret.txt",
            "climbs out with \"..\"",
            outside.toString(),
            "is empty or absolute",
            "",
            "is empty or absolute",
            "references/secret.md",
            "is a symbolic link that leaves the skill folder",
            "up/outside-secret.txt",
            "is a symbolic link that leaves the skill folder",
            ".hidden/key",
            "names a hidden file",
            "references",
            "is not a regular file",
            "assets/big.bin",
            "is larger than 4 MiB");
    attempts.forEach(
        (path, why) ->
            assertThatThrownBy(() -> skills.resource("guide", path))
                .as(path)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(why)
                .hasMessageNotContaining("TOP-SECRET"));
    assertThatThrownBy(() -> skills.resource("guide", "references/missing.md"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("has no file \"references/missing.md\"");
    assertThatThrownBy(() -> skills.resource("nope", "SKILL.md"))
        .isInstanceOf(NotFoundException.class);
  }
}
