package dev.skillrt.runtime.nativeproc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A call made from a virtual thread is not killed when the thread that started its process ends:
 * the parent-death signal follows the starting thread, and a virtual thread's carrier is retired
 * after 30 idle seconds while the call still runs. Needs a Java 21+ JDK beside the build's (a
 * second JDK under /usr/lib/jvm); skipped, saying so, without one.
 */
class VirtualThreadTests {

  @ParameterizedTest
  @EnumSource(
      value = SandboxMode.class,
      names = {"NONE", "BWRAP"})
  void aCallFromAVirtualThreadOutlivesItsCarrier(SandboxMode mode) throws Exception {
    if (mode == SandboxMode.BWRAP) {
      NativeTestSupport.requireSandbox();
    }
    Optional<Path> java = javaWithVirtualThreads();
    Assumptions.assumeTrue(
        java.isPresent(), "NOTE: no Java 21+ JDK under /usr/lib/jvm: virtual-thread test skipped");
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process jvm =
        new ProcessBuilder(
                java.get().toString(),
                "-Xmx64m",
                "-cp",
                classPath,
                VirtualThreadCall.class.getName(),
                mode.name(),
                "36")
            .redirectErrorStream(true)
            .start();
    jvm.getOutputStream().close();
    String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("SUCCEEDED survived");
  }

  private static Optional<Path> javaWithVirtualThreads() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
      for (Path dir : dirs) {
        Path release = dir.resolve("release");
        Path java = dir.resolve("bin/java");
        if (Files.isRegularFile(release) && Files.isExecutable(java)) {
          for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
              String version = line.substring(13).replace("\"", "");
              int major = Integer.parseInt(version.split("[.+-]")[0]);
              if (major >= 21) {
                return Optional.of(java);
              }
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
