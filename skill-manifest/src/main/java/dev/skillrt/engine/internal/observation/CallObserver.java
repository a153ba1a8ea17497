package dev.skillrt.engine.internal.observation;

import java.util.Optional;

/** Starts the observation of each call; {@link #NONE} when the engine has no registry. */
public interface CallObserver {

  /** Observes nothing and loads nothing. */
  CallObserver NONE = (skill, tool, toolName, runtime, toolCallId) -> CallObservation.NONE;

  /**
   * Starts observing one call on the calling thread (and makes it current there until {@link
   * CallObservation#close()}).
   *
   * @param toolName the tool's name for models ({@code SKILL__TOOL}, see {@code ToolNames})
   * @param toolCallId the caller's id of this call (an MCP request id), when it gave one
   */
  CallObservation start(
      String skill, String tool, String toolName, String runtime, Optional<String> toolCallId);
}
