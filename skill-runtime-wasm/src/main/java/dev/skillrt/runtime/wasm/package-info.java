/**
 * The {@code wasm} runtime: WASI preview 1 command modules run on Chicory, compiled once per module
 * content, memory-capped, interruptible, seeing only their preopened folders.
 *
 * <p>Found through {@link java.util.ServiceLoader} as {@link
 * dev.skillrt.runtime.wasm.WasmSkillRuntimeProvider}; see {@code docs/wasm-skills.md}.
 */
@NullMarked
package dev.skillrt.runtime.wasm;

import org.jspecify.annotations.NullMarked;
