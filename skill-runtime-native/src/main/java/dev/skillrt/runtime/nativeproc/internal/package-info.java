/** The native runtime's machinery; not an API. */
@NullMarked
package dev.skillrt.runtime.nativeproc.internal;

import org.jspecify.annotations.NullMarked;
