/**
 * Agent Skills folders (a {@code SKILL.md} with YAML frontmatter and Markdown instructions, and
 * optional {@code scripts/}, {@code references/}, {@code assets/}) read as skills: {@link
 * dev.skillrt.agentskills.AgentSkillReader} parses and validates one folder, {@link
 * dev.skillrt.agentskills.AgentSkillScan} finds the folders under a root, and {@link
 * dev.skillrt.agentskills.AgentSkills} discloses them progressively (catalogue, instructions,
 * files). See docs/agent-skills.md.
 *
 * <p>Nothing in this package is {@code null}; all model types are immutable and thread-safe.
 */
@NullMarked
package dev.skillrt.agentskills;

import org.jspecify.annotations.NullMarked;
