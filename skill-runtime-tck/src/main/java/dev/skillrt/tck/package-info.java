/**
 * The contract kit: {@link dev.skillrt.tck.SkillRuntimeCompatibilityKit}, the tests every {@link
 * dev.skillrt.spi.SkillRuntime} passes, one group of tests a file. A backend's test class extends
 * it and supplies a runtime, its {@link dev.skillrt.tck.KitFixtures} (or, for a runtime that runs
 * shell scripts, one method of {@link dev.skillrt.tck.ShellFixtures}) and a check that a stopped
 * call left nothing running.
 */
@NullMarked
package dev.skillrt.tck;

import org.jspecify.annotations.NullMarked;
