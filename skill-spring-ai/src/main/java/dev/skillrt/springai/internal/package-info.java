/** Internals of the Spring AI adapter: nobody outside the module uses them. */
@NullMarked
package dev.skillrt.springai.internal;

import org.jspecify.annotations.NullMarked;
