/**
 * The skills of a {@link dev.skillrt.engine.SkillEngine} as Spring AI tools: {@link
 * dev.skillrt.springai.SkillToolCallbackProvider}, and the Spring Boot auto-configuration that
 * builds both from {@code skillrt.manifest}.
 */
@NullMarked
package dev.skillrt.springai;

import org.jspecify.annotations.NullMarked;
