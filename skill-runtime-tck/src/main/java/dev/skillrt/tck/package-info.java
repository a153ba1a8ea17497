/**
 * The contract kit: {@link dev.skillrt.tck.SkillRuntimeCompatibilityKit}, the tests every
 * {@link dev.skillrt.spi.SkillRuntime} passes. A backend's test class extends it and supplies a
 * runtime and a handful of fixtures.
 */
@NullMarked
package dev.skillrt.tck;

import org.jspecify.annotations.NullMarked;
