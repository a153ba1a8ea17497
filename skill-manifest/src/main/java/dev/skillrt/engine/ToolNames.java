package dev.skillrt.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.manifest.Manifest;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The one rule by which every surface that shows a skill tool to a model (MCP, LangChain4j, Spring
 * AI, metrics) names it.
 *
 * <ol>
 *   <li>The name is {@code SKILL__TOOL}, every character outside {@code [A-Za-z0-9_-]} replaced by
 *       {@code _}.
 *   <li>A name longer than {@value #MAX_LENGTH} characters, or one that two tools of the same set
 *       would share, is cut to {@value #HASHED_PREFIX} characters and given {@code _} and the first
 *       8 hex digits of the SHA-256 of {@code SKILL}, a NUL character and {@code TOOL} (the names
 *       as written): every tool of a collision group is renamed this way, so no tool's name depends
 *       on the order of the manifest.
 * </ol>
 *
 * <p>The result fits both {@code ^[A-Za-z0-9_.-]{1,128}$} (MCP) and {@code ^[a-zA-Z0-9_-]{1,64}$}
 * (most model APIs). Pure functions; thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ToolNames {

  /** The longest name a model API accepts. */
  public static final int MAX_LENGTH = 64;

  /** How much of a hashed name is kept before {@code _} and the 8 hex digits. */
  public static final int HASHED_PREFIX = MAX_LENGTH - 9;

  private ToolNames() {}

  /**
   * A tool of a skill, named as the manifest writes them.
   *
   * @param skill the skill name
   * @param tool the tool name
   */
  public record QualifiedTool(String skill, String tool) {}

  /**
   * The description every surface shows a model for a tool: the tool's, then the skill's in
   * brackets ({@code "Greet someone (skill hello: Says hello)"}); either alone when the other is
   * empty; {@code "SKILL TOOL"} when both are.
   */
  public static String description(SkillDefinition skill, ToolDefinition tool) {
    String s = skill.description().strip();
    String t = tool.description().strip();
    if (s.isEmpty()) {
      return t.isEmpty() ? skill.name() + " " + tool.name() : t;
    }
    return t.isEmpty() ? s : t + " (skill " + skill.name() + ": " + s + ")";
  }

  /** Rule 1 alone: {@code SKILL__TOOL} with unfit characters replaced (may exceed the limit). */
  public static String plain(String skill, String tool) {
    return sanitize(skill + "__" + tool);
  }

  /** Rule 2 alone: the hashed form of a tool's name. */
  public static String hashed(String skill, String tool) {
    String plain = plain(skill, tool);
    String prefix = plain.length() > HASHED_PREFIX ? plain.substring(0, HASHED_PREFIX) : plain;
    return prefix + "_" + shortHash(skill, tool);
  }

  /**
   * The names of a set of tools, in the order given: each tool's {@link #plain} name, or its {@link
   * #hashed} one when the plain name is too long or shared.
   */
  public static Map<QualifiedTool, String> assign(Collection<QualifiedTool> tools) {
    Map<String, List<QualifiedTool>> byPlain = new HashMap<>();
    for (QualifiedTool t : tools) {
      byPlain.computeIfAbsent(plain(t.skill(), t.tool()), k -> new ArrayList<>()).add(t);
    }
    Map<QualifiedTool, String> names = new LinkedHashMap<>();
    for (QualifiedTool t : tools) {
      String plain = plain(t.skill(), t.tool());
      boolean fits =
          plain.length() <= MAX_LENGTH && byPlain.getOrDefault(plain, List.of()).size() == 1;
      names.put(t, fits ? plain : hashed(t.skill(), t.tool()));
    }
    return names;
  }

  /** The names of every declared tool of a manifest, in manifest order. */
  public static Map<QualifiedTool, String> of(Manifest manifest) {
    List<QualifiedTool> tools = new ArrayList<>();
    for (SkillDefinition s : manifest.skills().values()) {
      for (String tool : s.tools().keySet()) {
        tools.add(new QualifiedTool(s.name(), tool));
      }
    }
    return assign(tools);
  }

  private static String sanitize(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean fit =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      b.append(fit ? c : '_');
    }
    return b.toString();
  }

  private static String shortHash(String skill, String tool) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((skill + "\u0000" + tool).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
