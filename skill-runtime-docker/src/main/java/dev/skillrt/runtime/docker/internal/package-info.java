/** Internals of the Docker runtime: the engine client, the container config, one execution. */
@NullMarked
package dev.skillrt.runtime.docker.internal;

import org.jspecify.annotations.NullMarked;
