package dev.skillrt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.cli.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WASM skill whose source is a WebAssembly component (WASI preview 2, the format of the upstream
 * project's WASM skills) or no WebAssembly at all is refused by {@code skill validate} and {@code
 * skill run} alike, saying what the file is and what runs.
 */
class ModuleFormatCommandTests {

  /**
   * The component model's header ({@code \0asm}, version 0x0d, layer 1) and an empty custom
   * section.
   */
  private static final byte[] COMPONENT = {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 0, 2, 1, 'c'};

  @Test
  void aComponentIsRefusedByValidateAndRun(@TempDir Path dir) throws IOException {
    Path component = Files.write(dir.resolve("skill.wasm"), COMPONENT);
    Path manifest = manifest(dir, "skill.wasm");

    Outcome validate = Cli.run("--manifest", manifest.toString(), "validate");
    Outcome run = Cli.run("--manifest", manifest.toString(), "run", "upstream", "run");

    assertThat(validate.code()).as(validate.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(validate.err())
        .contains("[wasm.module-format]")
        .contains(component + " is a WebAssembly component (the component model, WASI preview 2)")
        .contains("WASI preview 1 core modules")
        .doesNotContain("\tat ");
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.DENIED);
    assertThat(run.err())
        .contains(component + " is a WebAssembly component")
        .contains("wasm32-wasip1");
  }

  @Test
  void aFileThatIsNotWebAssemblyIsRefusedByValidateAndRun(@TempDir Path dir) throws IOException {
    Path script = Files.writeString(dir.resolve("skill.wasm"), "#!/bin/sh\necho hi\n");
    Path manifest = manifest(dir, "skill.wasm");

    Outcome validate = Cli.run("--manifest", manifest.toString(), "validate");
    Outcome run = Cli.run("--manifest", manifest.toString(), "run", "upstream", "run");

    assertThat(validate.code()).as(validate.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(validate.err())
        .contains("[wasm.module-format]")
        .contains(script + " is not WebAssembly");
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.DENIED);
    assertThat(run.err()).contains(script + " is not WebAssembly");
  }

  private static Path manifest(Path dir, String source) throws IOException {
    return Files.writeString(
        dir.resolve("skills.toml"),
        "[skills.upstream]\nsource = \"./"
            + source
            + "\"\n[skills.upstream.tools.run]\nargs = []\n");
  }
}
