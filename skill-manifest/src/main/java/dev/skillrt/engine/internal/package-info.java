/** Engine internals: request building, argument checks, generic policy rules, audit. */
@NullMarked
package dev.skillrt.engine.internal;

import org.jspecify.annotations.NullMarked;
