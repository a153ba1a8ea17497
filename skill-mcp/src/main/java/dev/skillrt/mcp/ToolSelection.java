package dev.skillrt.mcp;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Which tools a {@link SkillMcpServer} serves. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ToolSelection {
  /** One MCP tool per skill tool, named by {@link dev.skillrt.engine.ToolNames}. */
  SKILLS,
  /** The two generic tools {@code list_skills} and {@code execute}, as the upstream server has. */
  META,
  /** Both sets. */
  BOTH;

  boolean skills() {
    return this != META;
  }

  boolean meta() {
    return this != SKILLS;
  }
}
