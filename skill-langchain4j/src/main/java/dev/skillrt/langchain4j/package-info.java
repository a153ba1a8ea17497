/**
 * The skills of a {@link dev.skillrt.engine.SkillEngine} as LangChain4j tools: {@link
 * dev.skillrt.langchain4j.SkillToolProvider} is a {@code ToolProvider} for {@code AiServices}.
 */
@NullMarked
package dev.skillrt.langchain4j;

import org.jspecify.annotations.NullMarked;
