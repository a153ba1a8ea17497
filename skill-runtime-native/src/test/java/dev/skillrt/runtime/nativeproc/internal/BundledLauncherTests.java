package dev.skillrt.runtime.nativeproc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher is put in the work root under a name of its content, and a file found under that
 * name runs only if it is the launcher byte for byte: a planted or altered file is written over.
 */
class BundledLauncherTests {

  private byte[] bundled;

  @BeforeEach
  void needsTheLauncher() throws IOException {
    try (InputStream in = BundledLauncher.class.getResourceAsStream(BundledLauncher.RESOURCE)) {
      if (in == null && "true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true: this build has no launcher (is gcc installed?)");
      }
      Assumptions.assumeTrue(in != null, "NOTE: no launcher in this build: test skipped");
      bundled = in.readAllBytes();
    }
  }

  @Test
  void theLauncherIsWrittenOnceReadOnly(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("work");
    Path first = BundledLauncher.install(root).orElseThrow();
    assertThat(first.getParent()).isEqualTo(root);
    assertThat(Files.readAllBytes(first)).isEqualTo(bundled);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first)))
        .isEqualTo("r-xr-xr-x");
    assertThat(BundledLauncher.install(root)).contains(first);
    try (var files = Files.list(root)) {
      assertThat(files).containsExactly(first); // no temporary file left behind
    }
  }

  @Test
  void aPlantedProgramUnderTheLaunchersNameIsWrittenOver(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("work");
    Path target = BundledLauncher.install(root).orElseThrow();
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(target, "#!/bin/sh\necho planted\n");
    assertThat(BundledLauncher.install(root)).contains(target);
    assertThat(Files.readAllBytes(target)).isEqualTo(bundled);
  }

  @Test
  void aLinkOrAWritableFileUnderTheLaunchersNameIsReplaced(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("work");
    Path target = BundledLauncher.install(root).orElseThrow();
    Path copy = Files.copy(target, dir.resolve("copy"));
    Files.delete(target);
    Files.createSymbolicLink(target, copy); // the right bytes, behind a link someone could swap
    assertThat(BundledLauncher.install(root)).contains(target);
    assertThat(Files.isSymbolicLink(target)).isFalse();
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(BundledLauncher.install(root)).contains(target);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("r-xr-xr-x");
  }

  @Test
  void aWorkRootOthersCanWriteIsRefused(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
    Optional<Path> installed;
    try {
      installed = BundledLauncher.install(root);
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("writable by group or others");
      return;
    }
    throw new AssertionError("installed into a world-writable work root: " + installed);
  }
}
