package dev.skillrt.runtime.nativeproc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillrt.runtime.nativeproc.CommandSpec;
import dev.skillrt.runtime.nativeproc.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call's program is looked up as the host is now; one validation of a manifest looks each program
 * up once, however many tools name it.
 */
class ProgramResolverTests {

  @TempDir Path bin;

  private CommandSpec spec() {
    return new CommandSpec("tool", List.of(), List.of("tool"), List.of(), SandboxMode.NONE);
  }

  private void install() throws Exception {
    Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        bin.resolve("tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aCallSeesTheProgramGoneAtOnce() throws Exception {
    install();
    ProgramResolver forCalls = new ProgramResolver(List.of(bin));
    assertThat(forCalls.resolve(spec()).program()).contains(bin.resolve("tool"));
    Files.delete(bin.resolve("tool"));
    assertThat(forCalls.resolve(spec()).violation()).isPresent();
  }

  @Test
  void oneValidationLooksEachProgramUpOnce() throws Exception {
    install();
    ProgramResolver forValidation = ProgramResolver.remembering(List.of(bin));
    assertThat(forValidation.resolve(spec()).program()).contains(bin.resolve("tool"));
    Files.delete(bin.resolve("tool"));
    // the answer of the first look stands for the rest of this validation
    assertThat(forValidation.resolve(spec()).program()).contains(bin.resolve("tool"));
  }
}
