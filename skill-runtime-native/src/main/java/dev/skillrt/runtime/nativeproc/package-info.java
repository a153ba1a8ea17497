/**
 * The {@code native} runtime: runs host programs without a shell, with an allow-list, a scrubbed
 * environment, rlimits, a tree kill and, where bubblewrap is present, an OS sandbox. Found by
 * {@link java.util.ServiceLoader} through {@link
 * dev.skillrt.runtime.nativeproc.NativeSkillRuntimeProvider}.
 *
 * <p>Nothing in this package is {@code null} unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.skillrt.runtime.nativeproc;

import org.jspecify.annotations.NullMarked;
