package dev.skillrt.runtime.wasm.internal;

import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.Location;
import dev.skillrt.api.RuntimeSpec;
import dev.skillrt.runtime.wasm.ModuleSpec;
import dev.skillrt.runtime.wasm.WasmMode;
import dev.skillrt.spi.SkillSettings;
import dev.skillrt.spi.SpecInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A skill's {@code [skills.NAME.wasm]} table as the wasm runtime reads it (see {@link
 * WasmTableReader}), with the module defaulting to {@code source} when that ends in {@code .wasm}.
 *
 * @param module the module file, absolute; empty when the skill names none
 * @param mode {@code mode}
 * @param location where the table (or, without one, the skill) is written
 * @param skill the skill's name, for messages
 */
public record WasmSettings(Optional<Path> module, WasmMode mode, Location location, String skill)
    implements SkillSettings {

  @Override
  public RuntimeSpec spec(SpecInput input) {
    Path file =
        module.orElseThrow(
            () ->
                new ConfigurationException(
                    List.of(
                        location.problem(
                            "skill \""
                                + skill
                                + "\" runs on the wasm runtime but says nothing it can"
                                + " run; point source at a .wasm file or add [skills."
                                + skill
                                + ".wasm] with module = \"...\""))));
    return new ModuleSpec(file, input.arguments(), mode);
  }

  /** A module's argv stays inside the JVM: no other user of the host can read it. */
  @Override
  public boolean argumentsVisibleOnHost() {
    return false;
  }
}
