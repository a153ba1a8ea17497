/**
 * What callers of skillrt use: requests, results, limits, and the exceptions a caller catches.
 *
 * <p>Nothing in this package is {@code null} unless annotated {@code @Nullable}; absent values are
 * {@link java.util.Optional} or empty collections. All value types are immutable and thread-safe.
 */
@NullMarked
package dev.skillrt.api;

import org.jspecify.annotations.NullMarked;
