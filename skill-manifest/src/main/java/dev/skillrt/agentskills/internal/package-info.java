/** Internals of Agent Skills loading; nobody outside {@code dev.skillrt.agentskills} uses them. */
@NullMarked
package dev.skillrt.agentskills.internal;

import org.jspecify.annotations.NullMarked;
