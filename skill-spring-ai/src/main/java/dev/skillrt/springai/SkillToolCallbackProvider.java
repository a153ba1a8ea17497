package dev.skillrt.springai;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolNames;
import dev.skillrt.engine.ToolNames.QualifiedTool;
import dev.skillrt.engine.ToolResultText;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
import dev.skillrt.springai.internal.SkillToolCallback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * The skill tools of a {@link SkillEngine} as a Spring AI {@link ToolCallbackProvider}: one {@link
 * ToolCallback} per tool the manifest declares.
 *
 * <pre>{@code
 * ChatClient chat = ChatClient.builder(chatModel)
 *     .defaultToolCallbacks(SkillToolCallbackProvider.of(engine))
 *     .build();
 * }</pre>
 *
 * <p>Each callback's {@link org.springframework.ai.tool.definition.ToolDefinition} has the tool's
 * name by the one rule of {@link ToolNames} ({@code SKILL__TOOL}, the name the MCP server gives
 * it), the tool's description, and as input schema the JSON Schema of {@link
 * SkillEngine#parametersSchema} (what {@code skill describe --json} publishes). A call runs {@link
 * SkillEngine#execute} and returns the text of {@link ToolResultText}: the skill's stdout on
 * success, otherwise a short message the model can act on; arguments that do not fit come back as
 * text naming the parameter, never as an exception. Calls run with the skill's default instance and
 * the manifest's limits.
 *
 * <p>Immutable and thread-safe; the callbacks are built once. The engine stays the caller's to
 * close (in a Spring Boot application the auto-configured engine is closed with the context).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SkillToolCallbackProvider implements ToolCallbackProvider {

  private final List<ToolCallback> callbacks;
  private final Map<String, QualifiedTool> byName;

  private SkillToolCallbackProvider(SkillEngine engine, @Nullable Set<String> skills) {
    List<ToolCallback> list = new ArrayList<>();
    Map<String, QualifiedTool> names = new LinkedHashMap<>();
    ToolNames.of(engine.manifest())
        .forEach(
            (qualified, name) -> {
              if (skills == null || skills.contains(qualified.skill())) {
                names.put(name, qualified);
                list.add(callback(engine, name, qualified));
              }
            });
    this.callbacks = List.copyOf(list);
    this.byName = Collections.unmodifiableMap(names);
  }

  /** Every tool of every skill of the engine. */
  public static SkillToolCallbackProvider of(SkillEngine engine) {
    return builder(engine).build();
  }

  /**
   * A provider of some of the engine's skills: {@code builder(engine).skills("git",
   * "hello").build()}.
   */
  public static Builder builder(SkillEngine engine) {
    return new Builder(engine);
  }

  /** The callbacks, in manifest order (a new array each time). */
  @Override
  public ToolCallback[] getToolCallbacks() {
    return callbacks.toArray(new ToolCallback[0]);
  }

  /** The skill and tool behind each tool name, in manifest order. */
  public Map<String, QualifiedTool> toolNames() {
    return byName;
  }

  private static ToolCallback callback(SkillEngine engine, String name, QualifiedTool q) {
    SkillDefinition skill = engine.skill(q.skill());
    ToolDefinition tool = skill.tool(q.tool());
    org.springframework.ai.tool.definition.ToolDefinition definition =
        org.springframework.ai.tool.definition.ToolDefinition.builder()
            .name(name)
            .description(ToolNames.description(skill, tool))
            .inputSchema(engine.parametersSchema(q.skill(), q.tool()).toString())
            .build();
    return new SkillToolCallback(engine, q.skill(), q.tool(), definition);
  }

  /** Builds a {@link SkillToolCallbackProvider}. Not thread-safe. */
  public static final class Builder {
    private final SkillEngine engine;
    private @Nullable Set<String> skills;

    private Builder(SkillEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Only these skills' tools (default: every skill's).
     *
     * @throws dev.skillrt.api.NotFoundException for a skill the manifest lacks, listing those it
     *     has
     */
    public Builder skills(String... names) {
      return skills(Arrays.asList(names));
    }

    /** Only these skills' tools (default: every skill's). */
    public Builder skills(List<String> names) {
      Set<String> picked = new LinkedHashSet<>();
      for (String name : names) {
        picked.add(engine.skill(name).name());
      }
      this.skills = picked;
      return this;
    }

    public SkillToolCallbackProvider build() {
      return new SkillToolCallbackProvider(engine, skills == null ? null : Set.copyOf(skills));
    }
  }
}
