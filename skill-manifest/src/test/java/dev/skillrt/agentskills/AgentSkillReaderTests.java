package dev.skillrt.agentskills;

import static dev.skillrt.agentskills.SkillFolders.script;
import static dev.skillrt.agentskills.SkillFolders.skill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.agentskills.internal.Interpreters;
import dev.skillrt.api.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AgentSkillReaderTests {

  @TempDir Path root;

  AgentSkillReader.Result read(String folder) {
    return AgentSkillReader.read(root.resolve(folder), Interpreters.DEFAULTS);
  }

  AgentSkill loaded(String folder) {
    AgentSkillReader.Result r = read(folder);
    assertThat(r.errors()).isEmpty();
    return r.skill().orElseThrow();
  }

  static List<String> located(List<Problem> problems) {
    return problems.stream()
        .map(p -> p.location().replaceAll("^.*/", "") + " " + p.message())
        .toList();
  }

  @Nested
  class AValidFolder {

    @Test
    void givesEveryFieldTheBodyAndTheVerbatimFrontmatter() {
      String front =
          "name: pdf-tools\ndescription: Reads PDF files.\nlicense: Apache-2.0\ncompatibility: needs python3\n"
              + "metadata:\n  author: someone\n  version: \"1.0\"\nallowed-tools: Bash(scripts/extract.py:*) Read\n";
      skill(root, "pdf-tools", front, "# PDF\n\nRun extract.\n");
      AgentSkill s = loaded("pdf-tools");
      assertThat(s.name()).isEqualTo("pdf-tools");
      assertThat(s.description()).isEqualTo("Reads PDF files.");
      assertThat(s.license()).contains("Apache-2.0");
      assertThat(s.compatibility()).contains("needs python3");
      assertThat(s.metadata())
          .containsExactly(
              java.util.Map.entry("author", "someone"), java.util.Map.entry("version", "1.0"));
      assertThat(s.allowedTools()).contains(List.of("Bash(scripts/extract.py:*)", "Read"));
      assertThat(s.frontmatter()).isEqualTo(front);
      assertThat(s.body()).isEqualTo("# PDF\n\nRun extract.\n");
      assertThat(s.warnings()).isEmpty();
    }

    @Test
    void readsALowerCaseSkillMdAndCrlfLines() throws IOException {
      Path f = root.resolve("crlf").resolve("skill.md");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "---\r\nname: crlf\r\ndescription: Windows lines.\r\n---\r\nBody\r\n");
      AgentSkill s = loaded("crlf");
      assertThat(s.description()).isEqualTo("Windows lines.");
      assertThat(s.body()).isEqualTo("Body\r\n");
    }

    @Test
    void servesEachScriptAsAToolWithItsInterpreter() {
      Path folder = skill(root, "tools");
      script(folder, "report.py", "print('x')\n");
      script(folder, "run", "#!/usr/bin/env bash\necho hi\n");
      script(folder, "hello.world.sh", "echo hi\n");
      script(folder, "index.mjs", "console.log(1)\n");
      script(folder, ".hidden.sh", "echo hidden\n");
      AgentSkill s = loaded("tools");
      assertThat(s.scripts())
          .extracting(
              AgentScript::tool, a -> a.interpreter().orElse("-"), AgentScript::relativePath)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("hello_world", "sh", "scripts/hello.world.sh"),
              org.assertj.core.groups.Tuple.tuple("index", "node", "scripts/index.mjs"),
              org.assertj.core.groups.Tuple.tuple("report", "python3", "scripts/report.py"),
              org.assertj.core.groups.Tuple.tuple("run", "bash", "scripts/run"));
      assertThat(s.warnings()).isEmpty();
    }
  }

  @Nested
  class RulesOfTheSpecificationAreLocatedWarnings {

    @Test
    void aNameThatDiffersFromTheFolder() {
      skill(root, "folder", "name: other-name\ndescription: d\n", "");
      AgentSkill s = loaded("folder");
      assertThat(s.name()).isEqualTo("other-name");
      assertThat(located(s.warnings()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("SKILL.md:2:7 name \"other-name\" differs from the folder's name \"folder\"");
    }

    @Test
    void badNamesFallBackToTheFolderName() {
      for (String bad :
          List.of("Upper", "-lead", "trail-", "two--hyphens", "under_score", "x".repeat(65))) {
        String folder = "f" + Math.abs(bad.hashCode());
        skill(root, folder, "name: " + bad + "\ndescription: d\n", "");
        AgentSkill s = loaded(folder);
        assertThat(s.name()).as(bad).isEqualTo(folder);
        assertThat(located(s.warnings()))
            .as(bad)
            .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .startsWith("SKILL.md:2:7 name ");
      }
    }

    @Test
    void descriptionAndCompatibilityLengths() {
      skill(
          root,
          "long",
          "name: long\ndescription: "
              + "d".repeat(1025)
              + "\ncompatibility: "
              + "c".repeat(501)
              + "\n",
          "");
      assertThat(located(loaded("long").warnings()))
          .containsExactly(
              "SKILL.md:3:14 description must be 1 to 1024 characters, found 1025",
              "SKILL.md:4:16 compatibility must be at most 500 characters, found 501");
    }

    @Test
    void missingNameAndDescription() {
      skill(root, "bare", "license: MIT\n", "");
      AgentSkill s = loaded("bare");
      assertThat(s.name()).isEqualTo("bare");
      assertThat(located(s.warnings()))
          .containsExactly(
              "SKILL.md:1:1 the frontmatter has no name; add name: bare (the folder's name)",
              "SKILL.md:1:1 the frontmatter has no description; add description: saying what the skill does and when to use it");
    }

    @Test
    void unknownKeysAndMetadataThatIsNotStrings() {
      skill(
          root,
          "meta",
          "name: meta\ndescription: d\nversion: 2\nmetadata:\n  ok: yes-string\n  nested: {a: b}\n",
          "");
      List<String> warnings = located(loaded("meta").warnings());
      assertThat(warnings).hasSize(2);
      assertThat(warnings.get(0)).startsWith("SKILL.md:4:1 unknown frontmatter key \"version\"");
      assertThat(warnings.get(1))
          .startsWith("SKILL.md:6:3 metadata.nested must be a string, found a mapping");
    }

    @Test
    void allowedToolsWithCommasOrAsAListLoadWithAWarning() {
      skill(
          root,
          "commas",
          "name: commas\ndescription: d\nallowed-tools: Read, Bash(git add:*), Write\n",
          "");
      AgentSkill commas = loaded("commas");
      assertThat(commas.allowedTools()).contains(List.of("Read", "Bash(git add:*)", "Write"));
      assertThat(located(commas.warnings()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("SKILL.md:4:16 allowed-tools is separated by commas");
      skill(
          root,
          "list",
          "name: list\ndescription: d\nallowed-tools:\n  - Read\n  - Bash(python3:*)\n",
          "");
      AgentSkill list = loaded("list");
      assertThat(list.allowedTools()).contains(List.of("Read", "Bash(python3:*)"));
      assertThat(located(list.warnings()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("SKILL.md:5:3 allowed-tools is a list");
    }
  }

  @Nested
  class BadInputGetsALocatedErrorAndNothingElse {

    void refused(String folder, String expected) {
      AgentSkillReader.Result r = read(folder);
      assertThat(r.skill()).isEmpty();
      assertThat(located(r.errors()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith(expected);
    }

    @Test
    void noFrontmatter() {
      SkillFolders.write(root.resolve("none/SKILL.md"), "# Just Markdown\n");
      refused("none", "SKILL.md:1:1 no YAML frontmatter: SKILL.md must start with a line \"---\"");
    }

    @Test
    void anOpeningFenceNeverClosed() {
      SkillFolders.write(
          root.resolve("open/SKILL.md"), "---\nname: open\ndescription: d\n# body\n");
      refused("open", "SKILL.md:1:1 the frontmatter opened by \"---\" at line 1 is never closed");
    }

    @Test
    void brokenYamlIsLocatedInTheFile() {
      skill(root, "broken", "name: broken\ndescription: [unclosed\n", "");
      AgentSkillReader.Result r = read("broken");
      assertThat(r.skill()).isEmpty();
      Problem p = r.errors().get(0);
      assertThat(p.source()).endsWith("broken/SKILL.md");
      assertThat(p.line()).isBetween(3, 4);
      assertThat(p.message()).startsWith("the frontmatter is not valid YAML: ");
    }

    @Test
    void aDuplicateKey() {
      skill(root, "dup", "name: dup\ndescription: a\ndescription: b\n", "");
      AgentSkillReader.Result r = read("dup");
      assertThat(r.errors())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.line()).isEqualTo(4);
                assertThat(p.message()).contains("description");
              });
    }

    @Test
    void aFrontmatterThatIsNotAMapping() {
      skill(root, "list", "- a\n- b\n", "");
      refused("list", "SKILL.md:2:1 the frontmatter must be a YAML mapping");
    }

    @Test
    @Timeout(30)
    void aTenMegabyteSkillFile() throws IOException {
      Path f = root.resolve("huge/SKILL.md");
      Files.createDirectories(f.getParent());
      try (OutputStream out = Files.newOutputStream(f)) {
        out.write("---\nname: huge\ndescription: d\n---\n".getBytes());
        byte[] line = ("x".repeat(1023) + "\n").getBytes();
        for (int i = 0; i < 10 * 1024; i++) {
          out.write(line);
        }
      }
      refused("huge", "SKILL.md SKILL.md is larger than 1 MiB");
    }

    @Test
    void binaryContent() throws IOException {
      Path f = root.resolve("bin/SKILL.md");
      Files.createDirectories(f.getParent());
      Files.write(f, new byte[] {'-', '-', '-', '\n', 0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n'});
      AgentSkillReader.Result r = read("bin");
      assertThat(r.skill()).isEmpty();
      assertThat(r.errors())
          .singleElement()
          .satisfies(p -> assertThat(p.message()).startsWith("the file is not text"));
    }

    @Test
    void aYamlAliasBombIsNeverExpanded() {
      StringBuilder y =
          new StringBuilder(
              "name: bomb\ndescription: d\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
      for (char c = 'b'; c <= 'k'; c++) {
        char prev = (char) (c - 1);
        y.append(c)
            .append(": &")
            .append(c)
            .append(" [*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append(",*")
            .append(prev)
            .append("]\n");
      }
      skill(root, "bomb", y.toString(), "");
      long start = System.nanoTime();
      AgentSkillReader.Result r = read("bomb");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      // the aliases are never expanded: the skill loads, its unknown keys warned about
      assertThat(r.errors()).isEmpty();
      assertThat(r.warnings())
          .hasSize(11)
          .allSatisfy(p -> assertThat(p.message()).startsWith("unknown frontmatter key"));
    }

    @Test
    void aScriptThatIsASymbolicLinkToEtcPasswdIsNeverATool() throws IOException {
      Path folder = skill(root, "linked");
      Files.createDirectories(folder.resolve("scripts"));
      Files.createSymbolicLink(folder.resolve("scripts/passwd.sh"), Path.of("/etc/passwd"));
      AgentSkill s = loaded("linked");
      assertThat(s.scripts()).isEmpty();
      assertThat(located(s.warnings()))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith(
              "passwd.sh scripts/passwd.sh is a symbolic link that leaves the skill folder");
    }

    @Test
    void aSkillFileThatIsALinkOutOfTheFolder() throws IOException {
      Path outside =
          SkillFolders.write(root.resolve("elsewhere.md"), "---\nname: x\ndescription: d\n---\n");
      Files.createDirectories(root.resolve("link"));
      Files.createSymbolicLink(root.resolve("link/SKILL.md"), outside);
      refused("link", "SKILL.md SKILL.md is a symbolic link that leaves the skill folder");
    }

    @Test
    void aScriptNoAllowedInterpreterRunsIsListedWithAWarning() {
      Path folder = skill(root, "odd");
      script(folder, "tool.rb", "#!/usr/bin/env ruby\nputs 1\n");
      script(folder, "blob", "\u0001\u0002binary");
      AgentSkill s = loaded("odd");
      assertThat(s.scripts())
          .extracting(AgentScript::tool, AgentScript::runnable)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("blob", false),
              org.assertj.core.groups.Tuple.tuple("tool", false));
      assertThat(located(s.warnings()))
          .containsExactly(
              "blob scripts/blob has no #! line and no extension that names an interpreter (allowed: sh, bash, python3, node);"
                  + " start it with a #! line such as #!/usr/bin/env python3; it is listed but refused when called",
              "tool.rb scripts/tool.rb needs the interpreter \"ruby\" (its #! line names ruby), which is not allowed"
                  + " (allowed: sh, bash, python3, node); add it to interpreters in [agent_skills] or change the script;"
                  + " it is listed but refused when called");
    }
  }
}
