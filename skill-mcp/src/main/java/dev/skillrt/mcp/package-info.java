/**
 * An MCP server over a {@link dev.skillrt.engine.SkillEngine}: {@link
 * dev.skillrt.mcp.SkillMcpServer} serves the skills of a manifest as MCP tools over stdio or
 * Streamable HTTP.
 */
@NullMarked
package dev.skillrt.mcp;

import org.jspecify.annotations.NullMarked;
