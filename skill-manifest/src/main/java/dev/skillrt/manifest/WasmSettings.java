package dev.skillrt.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.skillrt.api.WasmMode;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The {@code [skills.NAME.wasm]} table, with the module defaulting to {@code source} when that
 * ends in {@code .wasm}.
 *
 * @param module the module file, absolute
 * @param mode {@code mode}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WasmSettings(Optional<Path> module, WasmMode mode) {}
