package dev.skillrt.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillrt.api.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest file's bytes become its text only when they are UTF-8, read whole. */
class ManifestFileTextTests {

  @TempDir Path dir;

  private static final String SKILL = "[skills.a]\nsource = \"./a\"\nruntime = \"native\"\n";

  private Manifest load(byte[] bytes) throws IOException {
    Path file = dir.resolve("skill-engine.toml");
    Files.write(file, bytes);
    return ManifestLoaderTests.loader(Map.of()).load(file);
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedSayingSo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(SKILL.getBytes(StandardCharsets.UTF_8));
    out.write("description = \"caf".getBytes(StandardCharsets.UTF_8));
    out.write(0xE9); // Latin-1, not UTF-8
    out.write("\"\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> load(out.toByteArray()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("the manifest is not valid UTF-8 text");
  }

  @Test
  void aReplacementCharacterWrittenInTheFileIsKept() throws IOException {
    String toml = SKILL + "description = \"unknown \uFFFD sign, caf\u00e9\"\n";
    Manifest manifest = load(toml.getBytes(StandardCharsets.UTF_8));
    assertThat(manifest.skills().values())
        .singleElement()
        .satisfies(s -> assertThat(s.description()).isEqualTo("unknown \uFFFD sign, caf\u00e9"));
  }

  @Test
  void aLargeFileIsReadWhole() throws IOException {
    StringBuilder toml = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      toml.append("[skills.s").append(i).append("]\nsource = \"./s\"\nruntime = \"native\"\n");
    }
    Manifest manifest = load(toml.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(manifest.skills()).hasSize(5_000).containsKey("s4999");
  }
}
