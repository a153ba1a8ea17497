/** Manifest internals: TOML position scan, variable expansion, tree-to-model reading. */
@NullMarked
package dev.skillrt.manifest.internal;

import org.jspecify.annotations.NullMarked;
