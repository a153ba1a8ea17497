package dev.skillrt.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skillrt.agentskills.AgentSkill;
import dev.skillrt.agentskills.AgentSkills;
import dev.skillrt.agentskills.SkillFile;
import dev.skillrt.agentskills.SkillResource;
import dev.skillrt.api.SkillException;
import dev.skillrt.engine.SkillEngine;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The MCP Skills extension ({@code io.modelcontextprotocol/skills}) over the engine's Agent Skills
 * folders: {@code skills/list}, {@code skills/get} (the frontmatter as written, and every file with
 * its size and SHA-256), the files as {@code skill://} resources ({@code resources/list}, {@code
 * resources/read}) and {@code resources/directory/read}.
 *
 * <p>The Java SDK has no hook for methods it does not know, so the transports ask {@link #answer}
 * before handing a request to the SDK. A skill a client of the extension would refuse (a name that
 * is not a valid skill name, a description outside 1 to 1024 characters, more than {@value
 * #MAX_FILES} files or {@value #MAX_BYTES} bytes) is left out of the extension; its tools still
 * serve it.
 */
public final class SkillsExtension {

  public static final String ID = "io.modelcontextprotocol/skills";
  public static final int MAX_FILES = 512;
  public static final long MAX_BYTES = 16L << 20;
  static final String DIRECTORY = "inode/directory";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int NOT_FOUND = -32002;
  private static final int INVALID_PARAMS = -32602;

  private final Supplier<SkillEngine> engine;

  public SkillsExtension(Supplier<SkillEngine> engine) {
    this.engine = engine;
  }

  /** The capability a server declares under {@code extensions}. */
  public static Map<String, Map<String, Object>> capability() {
    return Map.of(ID, Map.of("directoryRead", true));
  }

  /** The answer to a request this extension serves; empty for one the SDK should handle. */
  public Optional<McpSchema.JSONRPCResponse> answer(McpSchema.JSONRPCRequest request) {
    String method = request.method();
    if (engine.get().agentSkills().names().isEmpty()) {
      return Optional.empty();
    }
    if (!List.of(
            "skills/list",
            "skills/get",
            "resources/list",
            "resources/read",
            "resources/directory/read")
        .contains(method)) {
      return Optional.empty();
    }
    JsonNode params = JSON.valueToTree(request.params() == null ? Map.of() : request.params());
    try {
      Object result =
          switch (method) {
            case "skills/list" -> list();
            case "skills/get" -> get(uri(params));
            case "resources/list" -> resources();
            case "resources/read" -> read(uri(params));
            default -> directory(uri(params));
          };
      return Optional.of(McpSchema.JSONRPCResponse.result(request.id(), result));
    } catch (Refusal r) {
      return Optional.of(
          McpSchema.JSONRPCResponse.error(
              request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(r.code, r.getMessage())));
    }
  }

  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Refusal(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private static String uri(JsonNode params) {
    JsonNode uri = params.get("uri");
    if (uri == null || !uri.isTextual()) {
      throw new Refusal(
          INVALID_PARAMS, "params.uri is required: a skill:// URI such as skill://NAME/SKILL.md");
    }
    return uri.textValue();
  }

  private List<String> published() {
    AgentSkills skills = engine.get().agentSkills();
    List<String> out = new ArrayList<>();
    for (String name : skills.names()) {
      AgentSkill s = skills.skill(name);
      JsonNode declared = skills.frontmatter(name).get("name");
      boolean named =
          NAME.matcher(name).matches()
              && name.length() <= 64
              && declared != null
              && name.equals(declared.asText());
      boolean described = !s.description().isEmpty() && s.description().length() <= 1024;
      if (named && described) {
        List<SkillFile> files = skills.files(name);
        long bytes = files.stream().mapToLong(SkillFile::size).sum();
        if (files.size() <= MAX_FILES
            && bytes <= MAX_BYTES
            && files.stream().noneMatch(f -> f.sha256().isEmpty())) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private Map<String, Object> entry(String name) {
    AgentSkills skills = engine.get().agentSkills();
    String fileName = skills.skill(name).skillFile().getFileName().toString();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("uri", SkillUris.of(name, fileName));
    e.put("frontmatter", skills.frontmatter(name));
    List<Map<String, Object>> files = new ArrayList<>();
    for (SkillFile f : skills.files(name)) {
      files.add(
          Map.of(
              "uri",
              SkillUris.of(name, f.path()),
              "digest",
              "sha256:" + f.sha256(),
              "size",
              f.size()));
    }
    e.put("resources", files);
    return e;
  }

  private Map<String, Object> list() {
    List<Object> entries = new ArrayList<>();
    published().forEach(n -> entries.add(entry(n)));
    return cached(Map.of("skills", entries));
  }

  private Map<String, Object> get(String uri) {
    SkillUris.Parsed p = known(uri);
    AgentSkill s = engine.get().agentSkills().skill(p.skill());
    if (!p.path().equals(s.skillFile().getFileName().toString())) {
      throw new Refusal(
          INVALID_PARAMS,
          uri + " is not a skill's SKILL.md URI; use skill://" + p.skill() + "/SKILL.md");
    }
    return cached(Map.of("skill", entry(p.skill())));
  }

  private Map<String, Object> resources() {
    List<Object> out = new ArrayList<>();
    AgentSkills skills = engine.get().agentSkills();
    for (String name : published()) {
      AgentSkill s = skills.skill(name);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("uri", SkillUris.of(name, s.skillFile().getFileName().toString()));
      r.put("name", name);
      r.put("description", s.description());
      r.put("mimeType", "text/markdown");
      out.add(r);
    }
    return Map.of("resources", out);
  }

  private Map<String, Object> read(String uri) {
    SkillUris.Parsed p = known(uri);
    SkillResource r;
    try {
      r = engine.get().agentSkills().resource(p.skill(), p.path());
    } catch (SkillException e) {
      throw new Refusal(NOT_FOUND, e.getMessage());
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("uri", uri);
    content.put("mimeType", r.mimeType());
    Optional<String> text = r.text();
    if (text.isPresent()) {
      content.put("text", text.get());
    } else {
      content.put("blob", Base64.getEncoder().encodeToString(r.content()));
    }
    return Map.of("contents", List.of(content));
  }

  private Map<String, Object> directory(String uri) {
    SkillUris.Parsed p = known(uri);
    String prefix = p.path().isEmpty() ? "" : p.path() + "/";
    Map<String, Map<String, Object>> children = new TreeMap<>();
    for (SkillFile f : engine.get().agentSkills().files(p.skill())) {
      if (!f.path().startsWith(prefix)) {
        continue;
      }
      String rest = f.path().substring(prefix.length());
      int slash = rest.indexOf('/');
      String child = slash < 0 ? rest : rest.substring(0, slash);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("uri", SkillUris.of(p.skill(), prefix + child));
      r.put("name", child);
      if (slash < 0) {
        r.put("mimeType", AgentSkills.mimeType(child));
        r.put("size", f.size());
      } else {
        r.put("mimeType", DIRECTORY);
      }
      children.putIfAbsent(child, r);
    }
    if (children.isEmpty() && !p.path().isEmpty()) {
      throw new Refusal(NOT_FOUND, uri + " is not a folder of skill " + p.skill());
    }
    return cached(Map.of("resources", new ArrayList<>(children.values())));
  }

  /** A URI of a published skill, or a refusal naming the skills. */
  private SkillUris.Parsed known(String uri) {
    SkillUris.Parsed p =
        SkillUris.parse(uri)
            .orElseThrow(
                () ->
                    new Refusal(
                        NOT_FOUND,
                        "no resource " + uri + "; skill URIs look like skill://NAME/SKILL.md"));
    List<String> names = published();
    if (!names.contains(p.skill())) {
      throw new Refusal(
          NOT_FOUND, "no skill " + p.skill() + " here; the skills: " + String.join(", ", names));
    }
    return p;
  }

  /** Results that may be cached say for how long: not at all, since the folders may change. */
  private static Map<String, Object> cached(Map<String, Object> result) {
    Map<String, Object> out = new LinkedHashMap<>(result);
    out.put("ttlMs", 0);
    out.put("cacheScope", "private");
    return out;
  }
}
