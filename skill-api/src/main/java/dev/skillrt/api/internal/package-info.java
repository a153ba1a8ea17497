/** Implementation details of {@code skill-api}; not for use outside this module. */
@NullMarked
package dev.skillrt.api.internal;

import org.jspecify.annotations.NullMarked;
