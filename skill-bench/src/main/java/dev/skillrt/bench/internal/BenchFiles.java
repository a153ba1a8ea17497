package dev.skillrt.bench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder a benchmark writes its manifest and modules into, deleted on {@link #close()}.
 * Not thread-safe; one per benchmark state.
 */
public final class BenchFiles implements AutoCloseable {

  private final Path root;

  private BenchFiles(Path root) {
    this.root = root;
  }

  /** A fresh, empty folder under {@code java.io.tmpdir}. */
  public static BenchFiles create(String prefix) {
    try {
      return new BenchFiles(Files.createTempDirectory("skillrt-bench-" + prefix + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the benchmark", e);
    }
  }

  public Path root() {
    return root;
  }

  /** Copies a bundled WASM module ({@code hello.wasm}, {@code fib.wasm}) into the folder. */
  public Path module(String name) {
    String resource = "/dev/skillrt/bench/wasm/" + name;
    try (InputStream in = BenchFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the benchmark module "
                + resource
                + " is missing from the classpath; rebuild skill-bench");
      }
      Path target = root.resolve(name);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + resource + " to " + root, e);
    }
  }

  /** Reads a bundled module's bytes. */
  public static byte[] moduleBytes(String name) {
    String resource = "/dev/skillrt/bench/wasm/" + name;
    try (InputStream in = BenchFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the benchmark module " + resource + " is missing; rebuild skill-bench");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Writes a text file (a manifest) into the folder. */
  public Path write(String name, String text) {
    Path target = root.resolve(name);
    try {
      Files.writeString(target, text, StandardCharsets.UTF_8);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** A new empty sub-folder. */
  public Path folder(String name) {
    Path target = root.resolve(name);
    try {
      return Files.createDirectories(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + target, e);
    }
  }

  /** Deletes the folder and everything in it. */
  @Override
  public void close() {
    deleteTree(root);
  }

  /** Deletes a folder tree; a file that cannot be deleted is left behind. */
  public static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }
}
