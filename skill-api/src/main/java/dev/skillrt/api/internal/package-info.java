/**
 * Implementation details of {@code skill-api}, shared by the project's own modules; not an API for
 * anyone else.
 */
@NullMarked
package dev.skillrt.api.internal;

import org.jspecify.annotations.NullMarked;
