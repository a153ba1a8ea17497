package dev.skillrt.runtime.wasm.internal;

import java.nio.file.Path;

/**
 * A host folder offered to a module as a WASI preopened directory.
 *
 * @param guestPath the name the module sees, e.g. {@code /data}
 * @param hostRoot the folder on the host, as a real path (symbolic links resolved)
 * @param readOnly whether the module may only read under it
 */
public record Preopen(String guestPath, Path hostRoot, boolean readOnly) {}
