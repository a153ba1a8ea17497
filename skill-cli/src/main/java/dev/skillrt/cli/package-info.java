/**
 * The {@code skill} command: list, describe, run and validate the skills of a manifest. Start it
 * with {@link dev.skillrt.cli.SkillCommand#main(String[])}, or in-process with {@link
 * dev.skillrt.cli.SkillCommand#execute}; its exit codes are in {@link dev.skillrt.cli.ExitCodes}.
 */
@NullMarked
package dev.skillrt.cli;

import org.jspecify.annotations.NullMarked;
