package dev.skillrt.runtime.wasm.internal;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.SectionId;
import dev.skillrt.api.ConfigurationException;
import dev.skillrt.api.DataSize;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Parsed (and, once used compiled, compiled) modules by content: the sha-256 of the file's bytes.
 * Two paths with the same bytes share one entry; a changed file is a new entry. Keeps the most
 * recently used {@code capacity} modules. A file whose identity, size and modification time are
 * unchanged since it was hashed is not read again.
 *
 * <p>Reading and parsing happen on the preparer threads, once per file however many calls ask at
 * the same time; callers wait for the result as long as their own time allows. Files larger than
 * {@code max-module-size} are refused before reading ({@link ModuleFiles}). Thread-safe.
 */
public final class ModuleCache {

  private final DataSize maxModuleSize;
  private final @Nullable DiskCompiledCache diskCache;
  private final Executor preparers;
  private final Executor compilers;
  private final Map<String, LoadedModule> modules;
  private final Map<Path, Stamp> hashes = new ConcurrentHashMap<>();
  private final Map<Path, CompletableFuture<LoadedModule>> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger parses = new AtomicInteger();
  private final AtomicInteger compiles = new AtomicInteger();

  /** A file's identity, size and modification time when its hash was taken. */
  private record Stamp(@Nullable Object fileKey, long size, FileTime modified, String sha) {
    boolean matches(BasicFileAttributes a) {
      return Objects.equals(fileKey, a.fileKey())
          && size == a.size()
          && modified.equals(a.lastModifiedTime());
    }
  }

  public ModuleCache(
      int capacity,
      DataSize maxModuleSize,
      @Nullable DiskCompiledCache diskCache,
      Executor preparers,
      Executor compilers) {
    this.maxModuleSize = maxModuleSize;
    this.diskCache = diskCache;
    this.preparers = preparers;
    this.compilers = compilers;
    this.modules =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, LoadedModule> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The module in a file: at once when it is known and unchanged, else read and parsed on a
   * preparer thread (joined when that is under way already). The future fails with a {@link
   * ConfigurationException} when the file is not a valid module, or grows past the size limit while
   * read ({@link ModuleTooLargeException}).
   *
   * @throws ConfigurationException at once when the file is missing, not a regular file, or larger
   *     than {@code max-module-size}
   */
  public CompletableFuture<LoadedModule> loading(Path file) {
    BasicFileAttributes attributes = ModuleFiles.check(file, maxModuleSize);
    LoadedModule known = known(file, attributes);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    CompletableFuture<LoadedModule> started = new CompletableFuture<>();
    CompletableFuture<LoadedModule> loading = inFlight.putIfAbsent(file, started);
    if (loading != null) {
      return loading;
    }
    // registered outside the map's own locking: the removal may run at once
    started.whenComplete((module, failure) -> inFlight.remove(file, started));
    try {
      preparers.execute(
          () -> {
            try {
              started.complete(readAndParse(file, attributes));
            } catch (Throwable t) {
              started.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException e) {
      started.completeExceptionally(
          new IllegalStateException("the wasm runtime is closing; no module is loaded any more"));
    }
    return started;
  }

  /**
   * The module in a file, waiting for it however long it takes (for preloading).
   *
   * @throws ConfigurationException when the file is missing, too large or not a valid module
   */
  public LoadedModule load(Path file) {
    try {
      return loading(file).get();
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException("interrupted while loading WASM module " + file);
    }
  }

  /**
   * The memory a module file declares, cheaply (for validation): from the module when it is loaded,
   * else from its memory section alone.
   *
   * @throws ConfigurationException when the file is missing, too large or not a valid module
   */
  public Optional<MemoryLimits> declaredMemory(Path file) {
    BasicFileAttributes attributes = ModuleFiles.check(file, maxModuleSize);
    LoadedModule known = known(file, attributes);
    if (known != null) {
      return known.declaredMemory();
    }
    return declaredMemory(file, attributes, maxModuleSize);
  }

  /**
   * The memory a module file declares, from its memory section alone (no runtime needed).
   *
   * @throws ConfigurationException when the file is missing, too large or not a valid module
   */
  public static Optional<MemoryLimits> declaredMemory(Path file, DataSize maxModuleSize) {
    BasicFileAttributes attributes = ModuleFiles.check(file, maxModuleSize);
    DeclaredMemory seen = DECLARED.get(file);
    if (seen != null && seen.matches(attributes)) {
      return seen.memory();
    }
    Optional<MemoryLimits> memory = declaredMemory(file, attributes, maxModuleSize);
    DECLARED.put(
        file,
        new DeclaredMemory(
            attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), memory));
    return memory;
  }

  /**
   * The memory section of a file as last read, valid while the file's identity, size and
   * modification time are unchanged: validating many skills of one module reads it once.
   */
  private record DeclaredMemory(
      @Nullable Object fileKey, long size, FileTime modified, Optional<MemoryLimits> memory) {
    boolean matches(BasicFileAttributes a) {
      return Objects.equals(fileKey, a.fileKey())
          && size == a.size()
          && modified.equals(a.lastModifiedTime());
    }
  }

  private static final int DECLARED_KEPT = 256;

  private static final Map<Path, DeclaredMemory> DECLARED =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, DeclaredMemory> eldest) {
              return size() > DECLARED_KEPT;
            }
          });

  private static Optional<MemoryLimits> declaredMemory(
      Path file, BasicFileAttributes attributes, DataSize maxModuleSize) {
    byte[] bytes = ModuleFiles.read(file, attributes, maxModuleSize);
    try {
      WasmModule memoryOnly =
          Parser.builder()
              .includeSectionId(SectionId.MEMORY)
              .withValidation(false)
              .build()
              .parse(() -> new ByteArrayInputStream(bytes));
      return LoadedModule.declaredMemory(memoryOnly);
    } catch (ChicoryException | IllegalArgumentException e) {
      throw notAModule(file, e);
    }
  }

  /** How many times a module was parsed (each content once, unless it left the cache). */
  public int parses() {
    return parses.get();
  }

  /** How many compilations were started (each module once). */
  public int compiles() {
    return compiles.get();
  }

  /** How many modules are held. */
  public int size() {
    synchronized (modules) {
      return modules.size();
    }
  }

  /** Turns what a loading future failed with back into what {@link #load} throws. */
  public static RuntimeException unwrap(@Nullable Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof OutOfMemoryError) {
      return new IllegalStateException(
          "the JVM ran out of heap reading or parsing a WASM module; give the JVM more heap or"
              + " lower the wasm runtime's max-module-size",
          cause);
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException("loading a WASM module failed", cause);
  }

  private @Nullable LoadedModule known(Path file, BasicFileAttributes attributes) {
    Stamp stamp = hashes.get(file);
    if (stamp == null || !stamp.matches(attributes)) {
      return null;
    }
    synchronized (modules) {
      return modules.get(stamp.sha());
    }
  }

  private LoadedModule readAndParse(Path file, BasicFileAttributes attributes) {
    byte[] bytes = ModuleFiles.read(file, attributes, maxModuleSize);
    ModuleFormat.check(file, bytes);
    String sha = HexFormat.of().formatHex(DiskCompiledCache.sha256(bytes));
    if (attributes.size() == bytes.length) {
      hashes.put(
          file,
          new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), sha));
    }
    synchronized (modules) {
      LoadedModule known = modules.get(sha);
      if (known != null) {
        return known;
      }
    }
    parses.incrementAndGet();
    LoadedModule parsed = new LoadedModule(sha, parse(file, bytes), diskCache, compilers, compiles);
    synchronized (modules) {
      return modules.computeIfAbsent(sha, k -> parsed);
    }
  }

  private static WasmModule parse(Path file, byte[] bytes) {
    try {
      return Parser.parse(bytes);
    } catch (ChicoryException | IllegalArgumentException e) {
      throw notAModule(file, e);
    }
  }

  private static ConfigurationException notAModule(Path file, RuntimeException e) {
    return new ConfigurationException(
        file
            + " is not a valid WebAssembly module ("
            + e.getMessage()
            + "); build it for wasm32-wasi (WASI preview 1)");
  }
}
