/** Internals of the {@code wasm} runtime; not an API. */
@NullMarked
package dev.skillrt.runtime.wasm.internal;

import org.jspecify.annotations.NullMarked;
