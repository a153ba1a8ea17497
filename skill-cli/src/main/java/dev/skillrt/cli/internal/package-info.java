/** The {@code skill} command's subcommands and helpers; not an API. */
@NullMarked
package dev.skillrt.cli.internal;

import org.jspecify.annotations.NullMarked;
