/**
 * The skill manifest ({@code .skill-engine.toml}): its model and {@link
 * dev.skillrt.manifest.ManifestLoader}, which reads, expands and validates it, reporting every
 * problem at once with file, line and column.
 *
 * <p>Nothing in this package is {@code null}; all model types are immutable and thread-safe.
 */
@NullMarked
package dev.skillrt.manifest;

import org.jspecify.annotations.NullMarked;
