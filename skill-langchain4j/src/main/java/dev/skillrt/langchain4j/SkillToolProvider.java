package dev.skillrt.langchain4j;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.skillrt.engine.SkillEngine;
import dev.skillrt.engine.ToolNames;
import dev.skillrt.engine.ToolNames.QualifiedTool;
import dev.skillrt.engine.ToolResultText;
import dev.skillrt.langchain4j.internal.ParameterSchemas;
import dev.skillrt.langchain4j.internal.SkillToolExecutor;
import dev.skillrt.manifest.SkillDefinition;
import dev.skillrt.manifest.ToolDefinition;
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

/**
 * The skill tools of a {@link SkillEngine} as a LangChain4j {@link ToolProvider}: one tool per tool
 * the manifest declares, for {@code AiServices.builder(...).toolProvider(...)}.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .toolProvider(SkillToolProvider.of(engine))
 *     .build();
 * }</pre>
 *
 * <p>Each {@link ToolSpecification} has the tool's name by the one rule of {@link ToolNames}
 * ({@code SKILL__TOOL}, the name the MCP server gives it), the tool's description, and the
 * parameters of {@link SkillEngine#parametersSchema} (what {@code skill describe --json}
 * publishes). Its executor runs {@link SkillEngine#execute} and returns the text of {@link
 * ToolResultText}: the skill's stdout on success, otherwise a short message the model can act on;
 * arguments that do not fit come back as text naming the parameter, never as an exception. Calls
 * run with the skill's default instance and the manifest's limits.
 *
 * <p>Immutable and thread-safe; the tools are computed once. The engine stays the caller's to
 * close.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SkillToolProvider implements ToolProvider {

  private final ToolProviderResult tools;
  private final List<ToolSpecification> specifications;
  private final Map<String, QualifiedTool> byName;

  private SkillToolProvider(SkillEngine engine, @Nullable Set<String> skills) {
    ToolProviderResult.Builder result = ToolProviderResult.builder();
    List<ToolSpecification> specs = new ArrayList<>();
    Map<String, QualifiedTool> names = new LinkedHashMap<>();
    ToolNames.of(engine.manifest())
        .forEach(
            (qualified, name) -> {
              if (skills == null || skills.contains(qualified.skill())) {
                ToolSpecification spec = specification(engine, name, qualified);
                specs.add(spec);
                names.put(name, qualified);
                result.add(spec, executor(engine, qualified));
              }
            });
    this.tools = result.build();
    this.specifications = List.copyOf(specs);
    this.byName = Collections.unmodifiableMap(names);
  }

  /** Every tool of every skill of the engine. */
  public static SkillToolProvider of(SkillEngine engine) {
    return builder(engine).build();
  }

  /**
   * A provider of some of the engine's skills: {@code builder(engine).skills("git",
   * "hello").build()}.
   */
  public static Builder builder(SkillEngine engine) {
    return new Builder(engine);
  }

  /** The same tools for every request. */
  @Override
  public ToolProviderResult provideTools(ToolProviderRequest request) {
    return tools;
  }

  /** The specifications of the tools, in manifest order. */
  public List<ToolSpecification> toolSpecifications() {
    return specifications;
  }

  /** The skill and tool behind each tool name, in manifest order. */
  public Map<String, QualifiedTool> toolNames() {
    return byName;
  }

  private static ToolSpecification specification(SkillEngine engine, String name, QualifiedTool q) {
    SkillDefinition skill = engine.skill(q.skill());
    ToolDefinition tool = skill.tool(q.tool());
    return ToolSpecification.builder()
        .name(name)
        .description(ToolNames.description(skill, tool))
        .parameters(ParameterSchemas.of(engine.parametersSchema(q.skill(), q.tool())))
        .build();
  }

  private static ToolExecutor executor(SkillEngine engine, QualifiedTool q) {
    return new SkillToolExecutor(engine, q.skill(), q.tool());
  }

  /** Builds a {@link SkillToolProvider}. Not thread-safe. */
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

    public SkillToolProvider build() {
      return new SkillToolProvider(engine, skills == null ? null : Set.copyOf(skills));
    }
  }
}
