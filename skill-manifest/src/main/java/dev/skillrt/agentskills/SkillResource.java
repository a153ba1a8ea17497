package dev.skillrt.agentskills;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One file of a skill folder, read through {@link AgentSkills#resource}.
 *
 * @param skill the skill's name
 * @param path its path inside the folder
 * @param content its bytes
 * @param mimeType a guess from its extension ({@code text/markdown}, {@code text/x-python}, ...,
 *     {@code application/octet-stream})
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SkillResource(String skill, String path, byte[] content, String mimeType) {

  public SkillResource {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content as text, when it is UTF-8 without NUL characters; empty for binary content. */
  public Optional<String> text() {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(content))
              .toString();
      return s.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(s);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
