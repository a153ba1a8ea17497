/**
 * The engine that routes calls from a manifest to runtimes: {@link dev.skillrt.engine.SkillEngine}
 * (plain builder) and {@link dev.skillrt.engine.SkillEngineModule} for Guice users.
 */
@NullMarked
package dev.skillrt.engine;

import org.jspecify.annotations.NullMarked;
